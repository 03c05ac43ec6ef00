using System.Net;
using Aspire.Hosting.Testing;
using PayeTonKawa.Tests.Commandes;
using PayeTonKawa.Tests.Distributed;
using PayeTonKawa.Tests.Flows;
using PayeTonKawa.Tests.Support;
using Xunit.Abstractions;

namespace PayeTonKawa.Tests.Faults;

/// <summary>
/// What a rolling update does to each API: the process is asked to stop (SIGTERM) during a stream of orders, exits, and
/// a new one starts. The APIs are the AppHost's real processes.
/// </summary>
[Collection(TestCollection.Name)]
[Trait("Category", "Faults")]
public sealed class GracefulShutdownTests(TestEnvironment env, ITestOutputHelper output)
{
    [Fact]
    public async Task Stopping_commandes_then_produits_during_a_stream_of_orders_fails_nothing_unsafely_and_loses_or_repeats_nothing()
    {
        const int stock = 500;
        const int orders = 80;
        var app = await env.AppHost;
        var system = new ReplicatedSystem(app, replicas: 1);
        var flow = new FlowClient(system.Shared("clients"), system.Shared("produits"), system.Shared("commandes"));
        var produit = await flow.CreateProductAsync(stock);
        var clientId = OrderRequests.NewClientId();
        var commandesDb = (await app.GetConnectionStringAsync("commandesdb"))!;
        var produitsDb = (await app.GetConnectionStringAsync("produitsdb"))!;
        var deadLettersBefore = await Task.WhenAll(new[] { flow.Produits, flow.Commandes }.Select(SagaState.DeadLettersAsync));
        var stream = new OrderStream(flow.Commandes, clientId, produit);

        var sending = stream.RunAsync(orders, workers: 3, pace: TimeSpan.FromMilliseconds(100));
        foreach (var (api, after) in new[] { ("commandes", 15), ("produits", 40) })
        {
            await Eventually.ReadAsync(() => Task.FromResult(stream.Accepted.Count), count => count >= after, TimeSpan.FromSeconds(90));
            var instance = (await system.InstancesAsync(api)).Single();
            try
            {
                var exit = await ReplicatedSystem.TerminateAsync(instance);
                output.WriteLine($"{api}: exited {exit.TotalSeconds:F1} s after SIGTERM");
                Assert.True(exit < PayeTonKawa.ServiceDefaults.Extensions.ShutdownTimeout, $"{api} took {exit.TotalSeconds:F1} s to stop");

                // The relay's last pass published what the drained requests and handlers wrote before the process ended.
                Assert.Equal(0, await SagaState.UnsentOutboxAsync(api == "commandes" ? commandesDb : produitsDb));
            }
            finally
            {
                // The AppHost is shared with other tests: the API runs again whatever happened here.
                await system.RestartAsync(instance, api);
            }
        }

        await sending;
        var settled = await SagaState.SettledOrdersAsync(flow.Commandes, clientId, orders, TimeSpan.FromSeconds(90));
        output.WriteLine($"{stream.Requests} requests for {orders} orders: {stream.Summary}");
        Assert.Equal(orders, stream.Accepted.Count);
        Assert.Equal(stream.Accepted.Order(), settled.Select(order => order.Id).Order());
        Assert.All(settled, order => Assert.Equal("validee", order.Statut));
        Assert.Equal(stock - orders, await flow.StockAsync(produit));
        Assert.Equal(deadLettersBefore, await Task.WhenAll(new[] { flow.Produits, flow.Commandes }.Select(SagaState.DeadLettersAsync)));
        Assert.Equal(0, await SagaState.UnsentOutboxAsync(commandesDb));
        Assert.Equal(0, await SagaState.UnsentOutboxAsync(produitsDb));
        var coherence = await Eventually.ReadAsync(
            () => StockCoherence.ReadAsync(flow.Commandes), report => report.DriftsOf(stream.Accepted).Count == 0, TimeSpan.FromSeconds(20));
        Assert.Empty(coherence.DriftsOf(stream.Accepted));
        Assert.True(coherence.CommandesVerifiees >= orders, $"{coherence.CommandesVerifiees} orders checked");
        Assert.Equal(HttpStatusCode.OK, (await flow.Commandes.GetAsync("/health")).StatusCode);
    }
}
