using PayeTonKawa.Messaging;

namespace PayeTonKawa.Produits.Messaging;

/// <summary><c>commande.stock_confirmed</c>: every line of the order is reserved.</summary>
public sealed record StockConfirmed(int CommandeId, Guid EventId, DateTimeOffset Timestamp) : IIntegrationEvent
{
    public string Event => IntegrationEvents.NameOf(StockEvents.ConfirmedKey);

    public int Version => 1;
}

/// <summary><c>commande.stock_rejected</c>: nothing is reserved; <c>motif</c> says why, in French.</summary>
public sealed record StockRejected(int CommandeId, string Motif, Guid EventId, DateTimeOffset Timestamp) : IIntegrationEvent
{
    public string Event => IntegrationEvents.NameOf(StockEvents.RejectedKey);

    public int Version => 1;
}

/// <summary>The answers Produits publishes to an order's reservation.</summary>
public static class StockEvents
{
    public const string ConfirmedKey = "commande.stock_confirmed";
    public const string RejectedKey = "commande.stock_rejected";

    public static StockConfirmed Confirmed(int commandeId, DateTimeOffset now) => new(commandeId, Guid.CreateVersion7(now), now);

    public static StockRejected Rejected(int commandeId, string motif, DateTimeOffset now) => new(commandeId, motif, Guid.CreateVersion7(now), now);
}
