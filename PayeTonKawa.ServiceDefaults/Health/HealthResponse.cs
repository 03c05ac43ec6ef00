namespace PayeTonKawa.ServiceDefaults.Health;

/// <summary>
/// The legacy <c>/health</c> body, kept field for field for the existing probes, plus the broker state and the number of
/// events waiting in the outbox (null for a service without messaging).
/// </summary>
public sealed record HealthResponse(string Status, string Service, string Database, DateTimeOffset Timestamp, string Version)
{
    public string? Rabbitmq { get; init; }

    public long? OutboxEnAttente { get; init; }
}
