using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Flows;

[Collection(TestCollection.Name)]
public sealed class TracingAndMetricsTests(TestEnvironment env)
{
    private readonly FlowClient _flow = new(env);

    [Fact]
    public async Task The_follow_up_events_continue_the_trace_and_the_request_id_of_the_request_that_created_the_order()
    {
        await using var tap = await EventTap.StartAsync(env.Infrastructure.MessagingConnectionString, "commande.*");
        var produit = await _flow.CreateProductAsync(stock: 10);

        var commandeId = await _flow.CreateOrderAsync(OrderRequests.NewClientId(), (produit, 1));

        var created = await tap.WaitForAsync("commande.created", e => e.GetProperty("commande_id").GetInt32() == commandeId);
        var confirmed = await tap.WaitForAsync("commande.stock_confirmed", e => e.GetProperty("commande_id").GetInt32() == commandeId);
        var validated = await tap.WaitForAsync("commande.updated",
            e => e.GetProperty("commande_id").GetInt32() == commandeId && e.GetProperty("statut").GetString() == "validee");
        var traceId = TraceId(created);
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.Equal(traceId, TraceId(confirmed));
        Assert.Equal(traceId, TraceId(validated));
        var requestId = created.Header("x-request-id");
        Assert.False(string.IsNullOrEmpty(requestId));
        Assert.Equal(requestId, confirmed.Header("x-request-id"));
        Assert.Equal(requestId, validated.Header("x-request-id"));
    }

    [Fact]
    public async Task Published_and_consumed_messages_are_counted_per_routing_key_and_queue()
    {
        var measurements = new ConcurrentBag<(string Instrument, long Value, string? RoutingKey, string? Queue)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == "PayeTonKawa" && instrument.Name.StartsWith("payetonkawa.messages.", StringComparison.Ordinal))
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var all = tags.ToArray();
            measurements.Add((instrument.Name, value,
                all.FirstOrDefault(tag => tag.Key == "routing_key").Value as string,
                all.FirstOrDefault(tag => tag.Key == "queue").Value as string));
        });
        listener.Start();
        var produit = await _flow.CreateProductAsync(stock: 10);

        var commandeId = await _flow.CreateOrderAsync(OrderRequests.NewClientId(), (produit, 1));
        await _flow.WaitForOrderAsync(commandeId, "validee");

        Assert.Contains(measurements, m => m.Instrument == "payetonkawa.messages.published" && m.RoutingKey == "commande.created");
        Assert.Contains(measurements, m => m.Instrument == "payetonkawa.messages.published" && m.RoutingKey == "commande.stock_confirmed");
        Assert.Contains(measurements, m => m.Instrument == "payetonkawa.messages.consumed"
            && m.Queue == "produits_commande_events" && m.RoutingKey == "commande.created");
        Assert.Contains(measurements, m => m.Instrument == "payetonkawa.messages.consumed"
            && m.Queue == "commandes_stock_events" && m.RoutingKey == "commande.stock_confirmed");
    }

    private static string TraceId(TappedMessage message) => message.Header("traceparent")!.Split('-')[1];
}
