using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.ServiceDefaults.Telemetry;

namespace PayeTonKawa.Messaging;

public static class OutboxExtensions
{
    private static readonly JsonSerializerOptions PayloadOptions = CreatePayloadOptions();

    /// <summary>
    /// Adds <paramref name="event"/> to the outbox: it is saved, and later published, with the rest of the change. An
    /// event written because of a received one names it as its <paramref name="cause"/>, so that it continues that
    /// event's trace and request id (a batch applies many events under one span).
    /// </summary>
    public static void AddEvent<TEvent>(this DbContext db, string routingKey, TEvent @event, EventEnvelope? cause = null)
        where TEvent : IIntegrationEvent
    {
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            EventId = @event.EventId,
            RoutingKey = routingKey,
            Payload = JsonSerializer.Serialize(@event, PayloadOptions),
            CreatedAt = @event.Timestamp,
            TraceParent = cause is null ? Activity.Current?.Id : cause.TraceParent,
            RequestId = cause is null ? Activity.Current?.GetBaggageItem(RequestId.BaggageName) : cause.RequestId,
        });
    }

    public static JsonSerializerOptions SerializerOptions => PayloadOptions;

    private static JsonSerializerOptions CreatePayloadOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonConventions.Apply(options);
        return options;
    }
}
