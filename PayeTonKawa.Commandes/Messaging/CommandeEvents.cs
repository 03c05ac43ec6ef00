using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Commandes.Messaging;

public sealed record CommandeLigneData(int ProduitId, int Quantite, decimal PrixUnitaire);

/// <summary>The legacy <c>data</c> of <c>commande.created</c>, plus the lines Produits needs to reserve the stock.</summary>
public sealed record CommandeCreatedData(int ClientId, decimal Total, string Statut, IReadOnlyList<CommandeLigneData> Lignes);

/// <summary><c>commande.created</c>.</summary>
public sealed record CommandeCreated(int CommandeId, CommandeCreatedData Data, Guid EventId, DateTimeOffset Timestamp) : IIntegrationEvent
{
    public string Event => "commande_created";

    public int Version => 1;
}

/// <summary><c>commande.updated</c>: a new status (with the client and, for a refused reservation, the reason).</summary>
public sealed record CommandeUpdated(int CommandeId, string Statut, int ClientId, string? Motif, Guid EventId, DateTimeOffset Timestamp)
    : IIntegrationEvent
{
    public string Event => "commande_updated";

    public int Version => 1;
}

/// <summary><c>commande.deleted</c>: Produits gives back the stock the order held.</summary>
public sealed record CommandeDeleted(int CommandeId, string Statut, Guid EventId, DateTimeOffset Timestamp) : IIntegrationEvent
{
    public string Event => "commande_deleted";

    public int Version => 1;
}

public static class CommandeEvents
{
    public const string Created = "commande.created";
    public const string Updated = "commande.updated";
    public const string Deleted = "commande.deleted";

    public static CommandeCreated CreatedFrom(Commande commande) => new(
        commande.Id,
        new CommandeCreatedData(commande.ClientId, commande.Total, commande.Statut,
            [.. commande.Lignes.Select(ligne => new CommandeLigneData(ligne.ProduitId, ligne.Quantite, ligne.PrixUnitaire))]),
        Guid.CreateVersion7(commande.DateCommande),
        commande.DateCommande);

    public static CommandeUpdated UpdatedFrom(Commande commande, DateTimeOffset now) =>
        new(commande.Id, commande.Statut, commande.ClientId, commande.Motif, Guid.CreateVersion7(now), now);

    public static CommandeDeleted DeletedFrom(Commande commande, DateTimeOffset now) =>
        new(commande.Id, commande.Statut, Guid.CreateVersion7(now), now);
}
