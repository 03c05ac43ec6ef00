namespace PayeTonKawa.Messaging;

/// <summary>
/// An event waiting to be published, written in the same transaction as the change that caused it
/// (transactional outbox): if the transaction commits, the event will reach RabbitMQ, however long it is down.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Sequence number: the relay publishes in this order.</summary>
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public required string RoutingKey { get; set; }

    /// <summary>The JSON body, exactly as it will be published.</summary>
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The W3C trace context of the request that caused the event, so that its trace continues downstream.</summary>
    public string? TraceParent { get; set; }

    public string? RequestId { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }
}
