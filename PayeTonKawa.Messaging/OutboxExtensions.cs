using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.ServiceDefaults.Telemetry;

namespace PayeTonKawa.Messaging;

public static class OutboxExtensions
{
    private static readonly JsonSerializerOptions PayloadOptions = CreatePayloadOptions();

    /// <summary>Adds <paramref name="event"/> to the outbox: it is saved, and later published, with the rest of the change.</summary>
    public static void AddEvent<TEvent>(this DbContext db, string routingKey, TEvent @event)
        where TEvent : IIntegrationEvent
    {
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            EventId = @event.EventId,
            RoutingKey = routingKey,
            Payload = JsonSerializer.Serialize(@event, PayloadOptions),
            CreatedAt = @event.Timestamp,
            TraceParent = Activity.Current?.Id,
            RequestId = Activity.Current?.GetBaggageItem(RequestId.BaggageName),
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
