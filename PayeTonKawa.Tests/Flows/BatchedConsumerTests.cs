using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Flows;

/// <summary>
/// A burst of events reaches Produits' consumer at once: it applies them in batches (one transaction each), every event
/// exactly once, and a poison message among them costs only itself.
/// </summary>
[Collection(TestCollection.Name)]
public sealed class BatchedConsumerTests(TestEnvironment env) : IDisposable
{
    private const string Queue = "produits_commande_events";
    private readonly FlowClient _flow = new(env);
    private readonly ConcurrentBag<int> _batchSizes = [];
    private readonly MeterListener _listener = new();

    [Fact]
    public async Task A_burst_of_orders_is_reserved_in_batches_each_order_once()
    {
        ListenToBatches();
        var produit = await _flow.CreateProductAsync(stock: 1000);
        var orders = Enumerable.Range(0, 60).Select(_ => RawCommandeCreated.For((produit, 2)).Body).ToList();
        // The first order delivered again within the burst: the batch must apply it once.
        orders.Insert(30, orders[0]);

        await RawPublisher.PublishBurstAsync(env.Infrastructure.MessagingConnectionString, "commande.created", orders);
        await _flow.WaitForStockAsync(produit, 1000 - (60 * 2));
        await Task.Delay(1000);

        Assert.Equal(1000 - (60 * 2), await _flow.StockAsync(produit));
        Assert.Contains(_batchSizes, size => size > 1);
    }

    [Fact]
    public async Task A_poison_message_in_a_batch_is_dead_lettered_alone_and_the_others_are_applied_once()
    {
        var admin = env.Produits.CreateClient();
        var deadLettersBefore = (await SagaState.DeadLettersAsync(admin)).GetValueOrDefault(Queue);
        var produit = await _flow.CreateProductAsync(stock: 500);
        var messages = Enumerable.Range(0, 40).Select(_ => RawCommandeCreated.For((produit, 3)).Body).ToList();
        messages.Insert(20, new { @event = "commande_created", event_id = Guid.NewGuid(), commande_id = "pas-un-nombre" });

        await RawPublisher.PublishBurstAsync(env.Infrastructure.MessagingConnectionString, "commande.created", messages);
        await _flow.WaitForStockAsync(produit, 500 - (40 * 3), TimeSpan.FromSeconds(40));
        var deadLetters = await Eventually.ReadAsync(
            async () => (await SagaState.DeadLettersAsync(admin)).GetValueOrDefault(Queue),
            count => count >= deadLettersBefore + 1,
            TimeSpan.FromSeconds(40));
        await Task.Delay(1000);

        Assert.Equal(deadLettersBefore + 1, deadLetters);
        // No batch size is asserted here: when the whole burst lands in the poison's batch, every message rightly goes
        // back one by one and no batch succeeds.
        Assert.Equal(500 - (40 * 3), await _flow.StockAsync(produit));
    }

    public void Dispose() => _listener.Dispose();

    private void ListenToBatches()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "payetonkawa.messages.batch_size")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, size, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "queue", Value: Queue })
                {
                    _batchSizes.Add(size);
                }
            }
        });
        _listener.Start();
    }
}
