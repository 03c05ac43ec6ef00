using System.Net;
using PayeTonKawa.Tests.Faults;
using PayeTonKawa.Tests.Flows;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.HighAvailability;

/// <summary>What every high-availability scenario must find once the system has settled, and the figures it reports.</summary>
internal static class ScenarioOutcome
{
    /// <summary>
    /// Every acknowledged order of <paramref name="clientId"/> (500 at most: one page) is stored once and validated,
    /// the product's stock is the one expected after one unit per order, no dead letter appeared and the coherence
    /// check finds no drift; returns the orders found and the reservations compared.
    /// </summary>
    public static async Task<(int Orders, int Reservations)> AssertSettledAsync(
        FlowClient flow, int clientId, int produit, int expectedStock, IReadOnlyCollection<int> acknowledged, Dictionary<string, long> deadLettersBefore)
    {
        var orders = await SagaState.SettledOrdersAsync(flow.Commandes, clientId, acknowledged.Count, TimeSpan.FromSeconds(120));
        Assert.Equal(acknowledged.Order(), orders.Select(order => order.Id).Order());
        Assert.All(orders, order => Assert.Equal("validee", order.Statut));
        Assert.Equal(expectedStock, await flow.StockAsync(produit));
        Assert.Equal(deadLettersBefore, await SagaState.DeadLettersAsync(flow.Produits, flow.Commandes));
        var ids = acknowledged.ToHashSet();
        var report = await Eventually.ReadAsync(() => StockCoherence.ReadAsync(flow.Commandes), report => report.DriftsOf(ids).Count == 0, TimeSpan.FromSeconds(30));
        Assert.Empty(report.DriftsOf(ids));
        return (orders.Count, report.ReservationsVerifiees);
    }

    /// <summary>Every acknowledged customer can be read back.</summary>
    public static async Task AssertStoredAsync(HttpClient clients, IEnumerable<int> acknowledged)
    {
        foreach (var id in acknowledged)
        {
            Assert.Equal(HttpStatusCode.OK, (await clients.GetAsync($"/customers/{id}")).StatusCode);
        }
    }
}
