using PayeTonKawa.Produits.Products;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Produits.Messaging;

/// <summary>The legacy product fields copied into <c>produit.created</c> and <c>produit.updated</c>.</summary>
public sealed record ProduitEventData(string Nom, decimal Prix, int Stock);

/// <summary><c>produit.created</c> / <c>produit.updated</c>.</summary>
public sealed record ProduitChanged(string Event, int ProduitId, ProduitEventData Data, Guid EventId, DateTimeOffset Timestamp) : IIntegrationEvent
{
    public int Version => 1;
}

/// <summary><c>produit.deleted</c>.</summary>
public sealed record ProduitDeleted(int ProduitId, Guid EventId, DateTimeOffset Timestamp) : IIntegrationEvent
{
    public string Event => IntegrationEvents.NameOf(ProduitEvents.DeletedKey);

    public int Version => 1;
}

/// <summary><c>produit.stock_low</c>: a change left the stock below the alert threshold.</summary>
public sealed record ProduitStockLow(int ProduitId, string ProduitNom, int StockActuel, int SeuilAlerte, Guid EventId, DateTimeOffset Timestamp)
    : IIntegrationEvent
{
    public string Event => IntegrationEvents.NameOf(ProduitEvents.StockLowKey);

    public int Version => 1;
}

public static class ProduitEvents
{
    public const string CreatedKey = "produit.created";
    public const string UpdatedKey = "produit.updated";
    public const string DeletedKey = "produit.deleted";
    public const string StockLowKey = "produit.stock_low";

    public static ProduitChanged Created(Produit produit, DateTimeOffset now) => Changed(CreatedKey, produit, now);

    public static ProduitChanged Updated(Produit produit, DateTimeOffset now) => Changed(UpdatedKey, produit, now);

    public static ProduitDeleted Deleted(Produit produit, DateTimeOffset now) => new(produit.Id, Guid.CreateVersion7(now), now);

    public static ProduitStockLow StockLow(Produit produit, int threshold, DateTimeOffset now) =>
        new(produit.Id, produit.Nom, produit.Stock, threshold, Guid.CreateVersion7(now), now);

    private static ProduitChanged Changed(string routingKey, Produit produit, DateTimeOffset now) => new(
        IntegrationEvents.NameOf(routingKey), produit.Id, new ProduitEventData(produit.Nom, produit.Prix, produit.Stock), Guid.CreateVersion7(now), now);
}
