using PayeTonKawa.Messaging;

namespace PayeTonKawa.Produits.Stock;

/// <summary>The fields Produits reads from Commandes' events (the payloads carry more).</summary>
public sealed record CommandeLigneMessage(int ProduitId, int Quantite);

public sealed record CommandeCreatedData(IReadOnlyList<CommandeLigneMessage>? Lignes);

public sealed record CommandeCreatedMessage(int CommandeId, CommandeCreatedData? Data);

public sealed record CommandeChangedMessage(int CommandeId, string? Statut);

/// <summary><c>commande.stock_confirmed</c>: every line of the order is reserved.</summary>
public sealed record StockConfirmed(int CommandeId, Guid EventId, DateTimeOffset Timestamp) : IIntegrationEvent
{
    public string Event => "commande_stock_confirmed";

    public int Version => 1;
}

/// <summary><c>commande.stock_rejected</c>: nothing is reserved; <c>motif</c> says why, in French.</summary>
public sealed record StockRejected(int CommandeId, string Motif, Guid EventId, DateTimeOffset Timestamp) : IIntegrationEvent
{
    public string Event => "commande_stock_rejected";

    public int Version => 1;
}

public static class CommandeRoutingKeys
{
    public const string Created = "commande.created";
    public const string Updated = "commande.updated";
    public const string Deleted = "commande.deleted";
    public const string StockConfirmed = "commande.stock_confirmed";
    public const string StockRejected = "commande.stock_rejected";
}
