using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Commandes.Messaging;

public sealed record LigneCommandeData(int ProduitId, int Quantite, decimal PrixUnitaire);

/// <summary>The legacy <c>data</c> of <c>commande.created</c>, plus the lines Produits needs to reserve the stock.</summary>
public sealed record CommandeCreatedData(int ClientId, decimal Total, string Statut, IReadOnlyList<LigneCommandeData> Lignes);

/// <summary><c>commande.created</c>.</summary>
public sealed record CommandeCreated(int CommandeId, CommandeCreatedData Data, Guid EventId, DateTimeOffset Timestamp) : IIntegrationEvent
{
    public string Event => IntegrationEvents.NameOf(CommandeEvents.CreatedKey);

    public int Version => 1;
}

/// <summary><c>commande.updated</c>: a new status (with the client and, for a refused reservation, the reason).</summary>
public sealed record CommandeUpdated(int CommandeId, string Statut, int ClientId, string? Motif, Guid EventId, DateTimeOffset Timestamp)
    : IIntegrationEvent
{
    public string Event => IntegrationEvents.NameOf(CommandeEvents.UpdatedKey);

    public int Version => 1;
}

/// <summary><c>commande.deleted</c>: Produits gives back the stock the order held.</summary>
public sealed record CommandeDeleted(int CommandeId, string Statut, Guid EventId, DateTimeOffset Timestamp) : IIntegrationEvent
{
    public string Event => IntegrationEvents.NameOf(CommandeEvents.DeletedKey);

    public int Version => 1;
}

public static class CommandeEvents
{
    public const string CreatedKey = "commande.created";
    public const string UpdatedKey = "commande.updated";
    public const string DeletedKey = "commande.deleted";

    public static CommandeCreated Created(Commande commande) => new(
        commande.Id,
        new CommandeCreatedData(commande.ClientId, commande.Total, commande.Statut,
            [.. commande.Lignes.Select(ligne => new LigneCommandeData(ligne.ProduitId, ligne.Quantite, ligne.PrixUnitaire))]),
        Guid.CreateVersion7(commande.DateCommande),
        commande.DateCommande);

    public static CommandeUpdated Updated(Commande commande, DateTimeOffset now) =>
        new(commande.Id, commande.Statut, commande.ClientId, commande.Motif, Guid.CreateVersion7(now), now);

    public static CommandeDeleted Deleted(Commande commande, DateTimeOffset now) =>
        new(commande.Id, commande.Statut, Guid.CreateVersion7(now), now);
}
