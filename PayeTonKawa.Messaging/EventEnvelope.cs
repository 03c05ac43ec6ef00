using System.Text.Json;

namespace PayeTonKawa.Messaging;

/// <summary>A received event: its id, routing key and JSON body, plus the request id that caused it upstream.</summary>
public sealed record EventEnvelope(Guid EventId, string RoutingKey, JsonElement Payload, string? RequestId)
{
    public T Read<T>() =>
        Payload.Deserialize<T>(OutboxExtensions.SerializerOptions)
        ?? throw new JsonException($"Event {EventId} has an empty body.");
}
