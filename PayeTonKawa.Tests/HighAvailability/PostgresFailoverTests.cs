using PayeTonKawa.Tests.Support;
using Xunit.Abstractions;

namespace PayeTonKawa.Tests.HighAvailability;

/// <summary>
/// The PostgreSQL primary (of the three databases) is killed during a stream of orders and customer writes, and its
/// synchronous standby promoted as the operator would: nothing acknowledged is lost, the switch is a 503 with
/// Retry-After (never a 500), and writes resume by themselves on the new primary.
/// </summary>
[Collection(HighAvailabilityCollection.Name)]
[Trait("Category", "HighAvailability")]
public sealed class PostgresFailoverTests(HighAvailabilitySystem system, ITestOutputHelper output)
{
    /// <summary>Between the loss and the promotion: the time an operator (CloudNativePG's probes) takes to decide.</summary>
    private static readonly TimeSpan Detection = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Killing_the_primary_loses_no_acknowledged_write_and_writes_resume_on_the_promoted_standby()
    {
        var flow = system.Flow();
        const int stock = 5000;
        var produit = await flow.CreateProductAsync(stock);
        var clientId = await flow.CreateClientAsync();
        var deadLetters = await SagaState.DeadLettersAsync(flow.Produits, flow.Commandes);
        var orders = WriteStream.Orders(flow.Commandes, clientId, produit);
        var customers = WriteStream.Customers(flow.Clients);

        var writing = Task.WhenAll(
            orders.RunAsync(450, workers: 4, pace: TimeSpan.FromMilliseconds(50)),
            customers.RunAsync(150, workers: 1, pace: TimeSpan.FromMilliseconds(100)));
        await Task.Delay(TimeSpan.FromSeconds(4));
        var killedAt = orders.Now;
        await system.Database.KillPrimaryAsync();
        await Task.Delay(Detection);
        var promotedAt = orders.Now;
        await system.Database.PromoteStandbyAsync();
        await writing;

        Assert.True(orders.Answers.ContainsKey("503") || orders.Answers.ContainsKey("transport"), $"the stream never met the failover: {orders.Summary}");
        // Every order is sent again with its Idempotency-Key until it is acknowledged: one whose commit reached the standby
        // while its answer died with the primary is returned by the retry, never made twice.
        var (stored, reservations, _) = await SagaOutcome.AssertSettledAsync(
            flow, clientId, produit, stock - orders.Accepted.Count, orders.Accepted, deadLetters);
        await SagaOutcome.AssertStoredAsync(flow.Clients, customers.Accepted);
        output.WriteLine($"orders: {orders.Requests} requests ({orders.Summary}), {orders.Accepted.Count} acknowledged, {stored} stored and validated, "
            + $"{reservations} reservations compared, no drift, dead letters unchanged");
        output.WriteLine($"customers: {customers.Requests} requests ({customers.Summary}), {customers.Accepted.Count} acknowledged, all readable");
        output.WriteLine($"primary killed at {killedAt.TotalSeconds:F1} s, standby promoted {Detection.TotalSeconds:F0} s later; "
            + $"longest time without an acknowledged order: {orders.LongestPauseAfter(killedAt).TotalSeconds:F1} s; "
            + $"first order acknowledged {orders.FirstAcknowledgedAfter(promotedAt)?.TotalSeconds:F1} s after the promotion");
    }
}
