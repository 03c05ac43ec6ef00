using System.Text.Json;

namespace PayeTonKawa.Messaging;

/// <summary>
/// A received event: its id, routing key and JSON body, plus what ties it to its cause upstream: the request id and
/// the W3C trace parent it was published with.
/// </summary>
public sealed record EventEnvelope(Guid EventId, string RoutingKey, JsonElement Payload, string? RequestId, string? TraceParent = null)
{
    public T Read<T>() =>
        Payload.Deserialize<T>(OutboxExtensions.SerializerOptions)
        ?? throw new JsonException($"Event {EventId} has an empty body.");
}
