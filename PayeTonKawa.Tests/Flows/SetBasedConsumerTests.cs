using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PayeTonKawa.Messaging;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Flows;

/// <summary>
/// What an order costs the consumers: a batch of reservations takes the same round trips to PostgreSQL as a single
/// one, and a message a service does not act on costs no database work at all.
/// </summary>
[Collection(TestCollection.Name)]
public sealed class SetBasedConsumerTests(TestEnvironment env) : IDisposable
{
    private const string Queue = "produits_commande_events";
    private const string TestSourceName = "PayeTonKawa.Tests.SetBased";
    private static readonly ActivitySource TestSource = new(TestSourceName);
    private readonly FlowClient _flow = new(env);
    private readonly ConcurrentBag<(ActivityTraceId Trace, string Name)> _commands = [];
    private readonly ActivityListener _listener = new();

    [Fact]
    public async Task A_batch_of_forty_orders_is_reserved_with_the_round_trips_of_a_batch_of_two()
    {
        ListenToDatabaseCommands();
        var hot = await _flow.CreateProductAsync(stock: 1000);
        var other = await _flow.CreateProductAsync(stock: 1000);

        var two = await ApplyCountingAsync(Enumerable.Range(0, 2).Select(_ => RawCommandeCreated.For((hot, 1), (other, 2))).ToList());
        var forty = await ApplyCountingAsync(Enumerable.Range(0, 40).Select(_ => RawCommandeCreated.For((hot, 1), (other, 2))).ToList());

        Assert.Equal(1000 - 42, await _flow.StockAsync(hot));
        Assert.Equal(1000 - 84, await _flow.StockAsync(other));
        // Begin, processed events, decided orders, product locks, one save, commit: none of it per order.
        Assert.InRange(two, 4, 8);
        Assert.Equal(two, forty);
    }

    [Fact]
    public async Task An_order_update_produits_does_not_act_on_is_acknowledged_without_any_database_work()
    {
        var produit = await _flow.CreateProductAsync(stock: 100);
        var database = SagaState.ConnectionString(env.Produits.Services, "produitsdb");
        var validated = new { @event = "commande_updated", event_id = Guid.NewGuid(), version = 1, commande_id = 424_242, statut = "validee", client_id = 1 };
        var marker = RawCommandeCreated.For((produit, 3));

        await RawPublisher.PublishBurstAsync(env.Infrastructure.MessagingConnectionString, "commande.updated", [validated]);
        await RawPublisher.PublishBurstAsync(env.Infrastructure.MessagingConnectionString, "commande.created", [marker.Body]);
        await _flow.WaitForStockAsync(produit, 97);

        // The queue is settled in order: once the later order is reserved, the update was acknowledged before it.
        Assert.Equal(0, await SagaState.ProcessedAsync(database, Queue, validated.event_id));
        Assert.Equal(1, await SagaState.ProcessedAsync(database, Queue, marker.EventId));
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Applies the orders as one batch, the way the consumer does, and counts the database commands it sent.</summary>
    private async Task<int> ApplyCountingAsync(List<RawCommandeCreated> orders)
    {
        var registration = env.Produits.Services.GetRequiredService<ConsumerRegistration>();
        var applier = new EventApplier<ProduitsDbContext>(registration, env.Produits.Services, TimeProvider.System, NullLogger.Instance);
        using var batch = TestSource.StartActivity("batch");
        Assert.NotNull(batch);
        var trace = batch.TraceId;
        await applier.ApplyAsync([.. orders.Select(order => order.Envelope())], CancellationToken.None);
        return _commands.Count(command => command.Trace == trace);
    }

    private void ListenToDatabaseCommands()
    {
        _listener.ShouldListenTo = source => source.Name is "Npgsql" or TestSourceName;
        _listener.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded;
        _listener.ActivityStopped = activity =>
        {
            if (activity.Source.Name == "Npgsql")
            {
                _commands.Add((activity.TraceId, activity.DisplayName));
            }
        };
        ActivitySource.AddActivityListener(_listener);
    }
}
