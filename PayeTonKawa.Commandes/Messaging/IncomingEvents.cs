namespace PayeTonKawa.Commandes.Messaging;

/// <summary>The fields Commandes reads from the events it consumes (the payloads carry more).</summary>
public sealed record ClientDeletedMessage(int ClientId);

public sealed record ProduitDeletedMessage(int ProduitId);

public sealed record StockAnswerMessage(int CommandeId, string? Motif);

public static class IncomingEvents
{
    public const string ClientDeleted = "client.deleted";
    public const string ProduitDeleted = "produit.deleted";
    public const string StockConfirmed = "commande.stock_confirmed";
    public const string StockRejected = "commande.stock_rejected";
}
