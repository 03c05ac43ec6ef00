using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Flows;

/// <summary>
/// The order flow across the three services through the real broker: Commandes publishes, Produits reserves the
/// stock and answers, Commandes validates or cancels.
/// </summary>
[Collection(TestCollection.Name)]
public sealed class StockReservationTests(TestEnvironment env)
{
    private readonly FlowClient _flow = new(env);

    [Fact]
    public async Task An_order_in_stock_becomes_validee_and_the_stock_drops()
    {
        var first = await _flow.CreateProductAsync(stock: 30);
        var second = await _flow.CreateProductAsync(stock: 12);

        var commandeId = await _flow.CreateOrderAsync(OrderId(), (first, 2), (second, 1), (first, 3));

        var commande = await _flow.WaitForOrderAsync(commandeId, "validee");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, commande.GetProperty("motif").ValueKind);
        Assert.Equal(25, await _flow.StockAsync(first));
        Assert.Equal(11, await _flow.StockAsync(second));
    }

    [Fact]
    public async Task An_order_for_more_than_the_stock_is_annulee_with_its_reason_and_reserves_nothing()
    {
        var plenty = await _flow.CreateProductAsync(stock: 50);
        var scarce = await _flow.CreateProductAsync(stock: 2);

        var commandeId = await _flow.CreateOrderAsync(OrderId(), (plenty, 5), (scarce, 3));

        var commande = await _flow.WaitForOrderAsync(commandeId, "annulee");
        Assert.StartsWith("Stock insuffisant pour", commande.GetProperty("motif").GetString(), StringComparison.Ordinal);
        Assert.Contains("3 demandé(s), 2 disponible(s)", commande.GetProperty("motif").GetString(), StringComparison.Ordinal);
        Assert.Equal(50, await _flow.StockAsync(plenty));
        Assert.Equal(2, await _flow.StockAsync(scarce));
    }

    [Fact]
    public async Task Unknown_and_withdrawn_products_are_refused_with_their_reason()
    {
        var withdrawn = await _flow.CreateProductAsync(stock: 10);
        await _flow.Produits.PutAsJsonAsync($"/products/{withdrawn}", new { actif = false });

        var unknownOrder = await _flow.CreateOrderAsync(OrderId(), (987_654_321, 1));
        var withdrawnOrder = await _flow.CreateOrderAsync(OrderId(), (withdrawn, 1));

        Assert.Equal("Le produit 987654321 n'existe pas.",
            (await _flow.WaitForOrderAsync(unknownOrder, "annulee")).GetProperty("motif").GetString());
        Assert.Contains("n'est plus en vente", (await _flow.WaitForOrderAsync(withdrawnOrder, "annulee")).GetProperty("motif").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_validated_order_gives_its_stock_back()
    {
        var produit = await _flow.CreateProductAsync(stock: 20);
        var commandeId = await _flow.CreateOrderAsync(OrderId(), (produit, 8));
        await _flow.WaitForOrderAsync(commandeId, "validee");
        Assert.Equal(12, await _flow.StockAsync(produit));

        await (await _flow.Commandes.PutAsJsonAsync($"/orders/{commandeId}", new { statut = "annulee" })).ReadJsonAsync(HttpStatusCode.OK);

        await _flow.WaitForStockAsync(produit, 20);
    }

    [Fact]
    public async Task Deleting_an_order_gives_its_stock_back()
    {
        var produit = await _flow.CreateProductAsync(stock: 20);
        var commandeId = await _flow.CreateOrderAsync(OrderId(), (produit, 6));
        await _flow.WaitForOrderAsync(commandeId, "validee");

        Assert.Equal(HttpStatusCode.NoContent, (await _flow.Commandes.DeleteAsync($"/orders/{commandeId}")).StatusCode);

        await _flow.WaitForStockAsync(produit, 20);
    }

    [Fact]
    public async Task Shipped_orders_keep_their_stock_when_the_flow_moves_on()
    {
        var produit = await _flow.CreateProductAsync(stock: 20);
        var commandeId = await _flow.CreateOrderAsync(OrderId(), (produit, 4));
        await _flow.WaitForOrderAsync(commandeId, "validee");

        foreach (var statut in new[] { "en_preparation", "expediee", "livree" })
        {
            await (await _flow.Commandes.PutAsJsonAsync($"/orders/{commandeId}", new { statut })).ReadJsonAsync(HttpStatusCode.OK);
        }

        await Task.Delay(500);
        Assert.Equal(16, await _flow.StockAsync(produit));
    }

    [Fact]
    public async Task Deleting_a_customer_marks_its_orders_client_supprime_and_gives_their_stock_back()
    {
        var produit = await _flow.CreateProductAsync(stock: 40);
        var clientId = await _flow.CreateClientAsync();
        var validated = await _flow.CreateOrderAsync(clientId, (produit, 5));
        var other = await _flow.CreateOrderAsync(clientId, (produit, 7));
        await _flow.WaitForOrderAsync(validated, "validee");
        await _flow.WaitForOrderAsync(other, "validee");
        Assert.Equal(28, await _flow.StockAsync(produit));

        Assert.Equal(HttpStatusCode.NoContent, (await _flow.Clients.DeleteAsync($"/customers/{clientId}")).StatusCode);

        await _flow.WaitForOrderAsync(validated, "client_supprime");
        await _flow.WaitForOrderAsync(other, "client_supprime");
        await _flow.WaitForStockAsync(produit, 40);
    }

    [Fact]
    public async Task Deleting_a_customer_or_a_delivered_order_never_gives_back_stock_that_was_shipped()
    {
        var produit = await _flow.CreateProductAsync(stock: 40);
        var clientId = await _flow.CreateClientAsync();
        var delivered = await _flow.CreateOrderAsync(clientId, (produit, 3));
        var cancelled = await _flow.CreateOrderAsync(clientId, (produit, 5));
        var underWay = await _flow.CreateOrderAsync(clientId, (produit, 7));
        var deletedAfterDelivery = await _flow.CreateOrderAsync(OrderId(), (produit, 2));
        foreach (var order in new[] { delivered, cancelled, underWay, deletedAfterDelivery })
        {
            await _flow.WaitForOrderAsync(order, "validee");
        }

        foreach (var order in new[] { delivered, deletedAfterDelivery })
        {
            foreach (var statut in new[] { "en_preparation", "expediee", "livree" })
            {
                await (await _flow.Commandes.PutAsJsonAsync($"/orders/{order}", new { statut })).ReadJsonAsync(HttpStatusCode.OK);
            }
        }

        await (await _flow.Commandes.PutAsJsonAsync($"/orders/{cancelled}", new { statut = "annulee" })).ReadJsonAsync(HttpStatusCode.OK);
        await _flow.WaitForStockAsync(produit, 40 - 3 - 7 - 2);
        Assert.Equal("consommee", await ReservationAsync(delivered));
        Assert.Equal("consommee", await ReservationAsync(deletedAfterDelivery));
        Assert.Equal(HttpStatusCode.NoContent, (await _flow.Commandes.DeleteAsync($"/orders/{deletedAfterDelivery}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _flow.Clients.DeleteAsync($"/customers/{clientId}")).StatusCode);

        await _flow.WaitForOrderAsync(underWay, "client_supprime");
        await _flow.WaitForStockAsync(produit, 40 - 3 - 2);
        Assert.Equal("livree", (await _flow.WaitForOrderAsync(delivered, "livree")).GetProperty("statut").GetString());
        Assert.Equal("annulee", (await _flow.WaitForOrderAsync(cancelled, "annulee")).GetProperty("statut").GetString());
        await Task.Delay(500); // a wrong release would arrive within this delay
        Assert.Equal(40 - 3 - 2, await _flow.StockAsync(produit));
    }

    [Fact]
    public async Task Concurrent_orders_for_the_last_units_never_oversell()
    {
        var produit = await _flow.CreateProductAsync(stock: 5);

        var orders = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _flow.CreateOrderAsync(OrderId(), (produit, 1))));

        var statuses = new List<string>();
        foreach (var commandeId in orders)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            string statut;
            do
            {
                statut = (await (await _flow.Commandes.GetAsync($"/orders/{commandeId}")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("statut").GetString()!;
                await Task.Delay(statut == "en_attente" ? 50 : 0);
            }
            while (statut == "en_attente" && DateTime.UtcNow < deadline);
            statuses.Add(statut);
        }

        Assert.Equal(5, statuses.Count(statut => statut == "validee"));
        Assert.Equal(15, statuses.Count(statut => statut == "annulee"));
        Assert.Equal(0, await _flow.StockAsync(produit));
    }

    private static int OrderId() => OrderRequests.NewClientId();

    /// <summary>What Produits recorded for the order, once the shipping reached it (events are handled concurrently).</summary>
    private async Task<string?> ReservationAsync(int commandeId) => await Eventually.ReadAsync(
        async () =>
        {
            await using var scope = env.Produits.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PayeTonKawa.Produits.Data.ProduitsDbContext>();
            return await db.Reservations.Where(reservation => reservation.CommandeId == commandeId)
                .Select(reservation => reservation.Statut).SingleOrDefaultAsync();
        },
        statut => statut == "consommee",
        TimeSpan.FromSeconds(20));
}
