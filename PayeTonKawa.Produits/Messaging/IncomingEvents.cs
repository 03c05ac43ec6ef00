namespace PayeTonKawa.Produits.Messaging;

/// <summary>The fields Produits reads from Commandes' events (the payloads carry more).</summary>
public sealed record LigneCommandeMessage(int ProduitId, int Quantite);

public sealed record CommandeCreatedData(IReadOnlyList<LigneCommandeMessage>? Lignes);

public sealed record CommandeCreatedMessage(int CommandeId, CommandeCreatedData? Data);

public sealed record CommandeChangedMessage(int CommandeId, string? Statut);

/// <summary>The Commandes events Produits consumes.</summary>
public static class IncomingEvents
{
    public const string CommandeCreated = "commande.created";
    public const string CommandeUpdated = "commande.updated";
    public const string CommandeDeleted = "commande.deleted";
}

/// <summary>The statuses of <c>commande.updated</c> that Produits acts on (Commandes declares them all, in its <c>Statuts</c>).</summary>
public static class CommandeStatuts
{
    public const string Expediee = "expediee";
    public const string Livree = "livree";
    public const string Annulee = "annulee";
    public const string ClientSupprime = "client_supprime";
}
