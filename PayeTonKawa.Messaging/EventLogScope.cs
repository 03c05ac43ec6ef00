using Microsoft.Extensions.Logging;

namespace PayeTonKawa.Messaging;

/// <summary>The log scope of one event being handled: its id, routing key and the request that caused it upstream.</summary>
internal static class EventLogScope
{
    public static IDisposable? Begin(ILogger logger, EventEnvelope envelope) =>
        logger.BeginScope(new Dictionary<string, object?>
        {
            ["event_id"] = envelope.EventId,
            ["routing_key"] = envelope.RoutingKey,
            ["request_id"] = envelope.RequestId,
        });
}
