namespace PayeTonKawa.Messaging;

/// <summary>
/// An event a consumer has applied, stored in the same transaction as its effect: a redelivered event finds its row
/// and is acknowledged without a second effect (idempotent consumer).
/// </summary>
public sealed class ProcessedEvent
{
    public Guid EventId { get; set; }

    public required string Queue { get; set; }

    public required string RoutingKey { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }

    public static ProcessedEvent Of(EventEnvelope envelope, string queue, TimeProvider clock) => new()
    {
        EventId = envelope.EventId,
        Queue = queue,
        RoutingKey = envelope.RoutingKey,
        ProcessedAt = clock.GetUtcNow(),
    };
}
