using System.Net;

namespace PayeTonKawa.Tests.Support;

/// <summary>
/// What every fault and high-availability scenario must find once the system has settled, and the figures it reports.
/// </summary>
internal static class SagaOutcome
{
    /// <summary>
    /// Every acknowledged order of <paramref name="clientId"/> (500 at most: one page) is stored once and validated
    /// (waiting up to <paramref name="settling"/>, 120 s by default, for none to be pending), the product's stock is the
    /// one expected, no dead letter appeared and the coherence check finds none of them drifting; returns the orders
    /// found, the reservations compared and the orders the check went through.
    /// </summary>
    public static async Task<(int Orders, int Reservations, int OrdersChecked)> AssertSettledAsync(
        FlowClient flow, int clientId, int produit, int expectedStock, IReadOnlyCollection<int> acknowledged, Dictionary<string, long> deadLettersBefore,
        TimeSpan? settling = null)
    {
        var orders = await SagaState.SettledOrdersAsync(flow.Commandes, clientId, acknowledged.Count, settling ?? TimeSpan.FromSeconds(120));
        Assert.Equal(acknowledged.Order(), orders.Select(order => order.Id).Order());
        Assert.All(orders, order => Assert.Equal("validee", order.Statut));
        Assert.Equal(expectedStock, await flow.StockAsync(produit));
        Assert.Equal(deadLettersBefore, await SagaState.DeadLettersAsync(flow.Produits, flow.Commandes));
        var ids = acknowledged.ToHashSet();
        var report = await Eventually.ReadAsync(() => StockCoherence.ReadAsync(flow.Commandes), report => report.DriftsOf(ids).Count == 0, TimeSpan.FromSeconds(30));
        Assert.Empty(report.DriftsOf(ids));
        return (orders.Count, report.ReservationsVerifiees, report.CommandesVerifiees);
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
