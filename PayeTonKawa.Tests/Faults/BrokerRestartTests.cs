using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Tests.Support;
using Xunit.Abstractions;

namespace PayeTonKawa.Tests.Faults;

/// <summary>
/// The RabbitMQ node is stopped (its process ends, every connection drops) and started again from its data during a
/// stream of orders and reservations.
/// </summary>
[Collection(TestCollection.Name)]
[Trait("Category", "Faults")]
public sealed class BrokerRestartTests(TestEnvironment env, ITestOutputHelper output)
{
    [Fact]
    public async Task A_rabbitmq_restart_during_a_stream_of_orders_loses_nothing_applies_nothing_twice_and_the_consumers_come_back()
    {
        const int stock = 500;
        const int orders = 60;
        var flow = new FlowClient(env);
        var produit = await flow.CreateProductAsync(stock);
        var clientId = OrderRequests.NewClientId();
        var deadLettersBefore = await SagaState.DeadLettersAsync(flow.Produits, flow.Commandes);
        var stream = WriteStream.Orders(flow.Commandes, clientId, produit);

        var sending = stream.RunAsync(orders, workers: 3, pace: TimeSpan.FromMilliseconds(150));
        await Eventually.ReadAsync(() => Task.FromResult(stream.Accepted.Count), count => count >= 15, TimeSpan.FromSeconds(60));
        var down = Stopwatch.StartNew();
        try
        {
            await env.Infrastructure.StopBrokerAsync();
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        finally
        {
            await env.Infrastructure.StartBrokerAsync();
        }

        output.WriteLine($"RabbitMQ down for {down.Elapsed.TotalSeconds:F1} s");
        var restarted = Stopwatch.StartNew();
        await sending;

        Assert.Equal(["201"], stream.Answers.Keys);
        Assert.Equal(orders, stream.Accepted.Count);
        await SagaOutcome.AssertSettledAsync(flow, clientId, produit, stock - orders, stream.Accepted, deadLettersBefore, TimeSpan.FromSeconds(90));
        output.WriteLine($"{stream.Requests} requests ({stream.Summary}); every order settled {restarted.Elapsed.TotalSeconds:F1} s after the restart");
        foreach (var (services, name) in new[] { (env.Produits.Services, "produitsdb"), (env.Commandes.Services, "commandesdb") })
        {
            var connectionString = SagaState.ConnectionString(services, name);
            Assert.Equal(0, await Eventually.ReadAsync(() => SagaState.UnsentOutboxAsync(connectionString), count => count == 0, TimeSpan.FromSeconds(30)));
        }

        foreach (var api in new[] { flow.Clients, flow.Produits, flow.Commandes })
        {
            var health = await Eventually.ReadAsync(
                async () => await (await api.GetAsync("/health")).ReadJsonAsync(HttpStatusCode.OK),
                body => body.GetProperty("rabbitmq").GetString() == "connected",
                TimeSpan.FromSeconds(30));
            Assert.Equal("connected", health.GetProperty("rabbitmq").GetString());
        }
    }
}
