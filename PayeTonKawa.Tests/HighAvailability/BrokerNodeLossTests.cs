using System.Collections.Concurrent;
using System.Diagnostics;
using PayeTonKawa.Tests.Support;
using Xunit.Abstractions;

namespace PayeTonKawa.Tests.HighAvailability;

/// <summary>
/// The RabbitMQ node that holds the services' connections and leads their quorum queues is killed during a stream of
/// orders, then comes back: clients move to the other nodes, the queues elect new leaders, nothing confirmed is lost
/// or applied twice, and the returning node is a replica of every queue again.
/// </summary>
[Collection(HighAvailabilityCollection.Name)]
[Trait("Category", "HighAvailability")]
public sealed class BrokerNodeLossTests(HighAvailabilitySystem system, ITestOutputHelper output)
{
    [Fact]
    public async Task Losing_the_node_of_the_connections_and_leaders_loses_nothing_and_its_return_restores_three_replicas()
    {
        var flow = system.Flow();
        const int stock = 5000;
        var produit = await flow.CreateProductAsync(stock);
        var clientId = await flow.CreateClientAsync();
        var deadLetters = await SagaState.DeadLettersAsync(flow.Produits, flow.Commandes);
        var queues = deadLetters.Keys.ToList();
        var lost = system.Broker.NodeName(1);
        Assert.All(await system.Broker.ConnectionNodesAsync(2), node => Assert.Equal(lost, node));
        foreach (var queue in queues)
        {
            var (leader, members, _) = await system.Broker.QuorumAsync(queue, 2);
            Assert.Equal(lost, leader);
            Assert.Equal(3, members.Length);
        }

        var orders = WriteStream.Orders(flow.Commandes, clientId, produit);
        var customers = WriteStream.Customers(flow.Clients);
        using var consumption = new SettledOrdersWatch(system.Database.ConnectionString("commandesdb"), clientId);
        var writing = Task.WhenAll(
            orders.RunAsync(450, workers: 4, pace: TimeSpan.FromMilliseconds(50)),
            customers.RunAsync(150, workers: 1, pace: TimeSpan.FromMilliseconds(50)));
        await Task.Delay(TimeSpan.FromSeconds(4));
        var killedAt = consumption.Now;
        await system.Broker.KillNodeAsync(1);
        await writing;

        var (stored, reservations, _) = await SagaOutcome.AssertSettledAsync(flow, clientId, produit, stock - orders.Accepted.Count, orders.Accepted, deadLetters);
        await SagaOutcome.AssertStoredAsync(flow.Clients, customers.Accepted);
        foreach (var queue in queues)
        {
            var (leader, members, online) = await system.Broker.QuorumAsync(queue, 2);
            Assert.NotEqual(lost, leader);
            Assert.Equal(3, members.Length);
            Assert.Equal(2, online.Length);
        }

        Assert.All(await system.Broker.ConnectionNodesAsync(2), node => Assert.NotEqual(lost, node));
        output.WriteLine($"node lost: {orders.Requests} order requests ({orders.Summary}), {orders.Accepted.Count} acknowledged, "
            + $"{stored} stored and validated, {reservations} reservations compared, no drift, dead letters unchanged; "
            + $"{customers.Requests} customer requests ({customers.Summary}), {customers.Accepted.Count} acknowledged, all readable; "
            + $"longest time without an order settled after the loss: {consumption.LongestPauseAfter(killedAt).TotalSeconds:F1} s");

        var restarted = Stopwatch.StartNew();
        await system.Broker.RestartNodeAsync(1);
        foreach (var queue in queues)
        {
            var (_, _, online) = await Eventually.ReadAsync(() => system.Broker.QuorumAsync(queue, 2), quorum => quorum.Online.Length == 3, TimeSpan.FromSeconds(60));
            Assert.Equal(3, online.Length);
        }

        var back = restarted.Elapsed;
        var laterClientId = await flow.CreateClientAsync();
        var after = WriteStream.Orders(flow.Commandes, laterClientId, produit);
        await after.RunAsync(100, workers: 2, pace: TimeSpan.FromMilliseconds(20));
        var (storedAfter, _, _) = await SagaOutcome.AssertSettledAsync(
            flow, laterClientId, produit, stock - orders.Accepted.Count - after.Accepted.Count, after.Accepted, deadLetters);
        output.WriteLine($"node back: every queue on three online replicas {back.TotalSeconds:F1} s after its start; "
            + $"{after.Accepted.Count} more orders acknowledged ({after.Summary}), {storedAfter} stored and validated, the stock down by one unit per order in all, no drift, dead letters unchanged");
    }

    /// <summary>Reads, every 100 ms, how many orders of the client have left <c>en_attente</c>, and when that number grew.</summary>
    private sealed class SettledOrdersWatch : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentQueue<TimeSpan> _progress = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Task _watching;

        public SettledOrdersWatch(string commandesDb, int clientId) =>
            _watching = Task.Run(async () =>
            {
                long last = 0;
                while (!_stop.IsCancellationRequested)
                {
                    var settled = await SagaState.ScalarAsync(commandesDb, $"SELECT count(*) FROM commandes WHERE client_id = {clientId} AND statut <> 'en_attente'");
                    if (settled > last)
                    {
                        _progress.Enqueue(_clock.Elapsed);
                        last = settled;
                    }

                    await Task.Delay(100);
                }
            });

        public TimeSpan Now => _clock.Elapsed;

        public TimeSpan LongestPauseAfter(TimeSpan from)
        {
            var times = _progress.Where(time => time > from).Prepend(from).ToList();
            return times.Zip(times.Skip(1), (previous, next) => next - previous).DefaultIfEmpty(TimeSpan.Zero).Max();
        }

        public void Dispose()
        {
            _stop.Cancel();
            _watching.Wait(TimeSpan.FromSeconds(5));
            _stop.Dispose();
        }
    }
}
