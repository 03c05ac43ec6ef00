using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Distributed;

/// <summary>
/// The whole system as the AppHost runs it: the three APIs as separate processes, wired to PostgreSQL and RabbitMQ
/// by Aspire, reached through the endpoints Aspire gives them.
/// </summary>
[Collection(TestCollection.Name)]
public sealed class AppHostTests(TestEnvironment env) : IAsyncLifetime
{
    private DistributedApplication _app = null!;

    public async Task InitializeAsync() => _app = await env.AppHost;

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Orders_are_validated_refused_and_released_across_the_three_processes()
    {
        var flow = new FlowClient(Client("clients"), Client("produits"), Client("commandes"));
        var clientId = await flow.CreateClientAsync();
        var moka = await flow.CreateProductAsync(stock: 20);
        var rare = await flow.CreateProductAsync(stock: 1);

        var validated = await flow.CreateOrderAsync(clientId, (moka, 2));
        var refused = await flow.CreateOrderAsync(clientId, (rare, 3));
        var cancelled = await flow.CreateOrderAsync(clientId, (moka, 5));

        await flow.WaitForOrderAsync(validated, "validee");
        Assert.Contains("Stock insuffisant", (await flow.WaitForOrderAsync(refused, "annulee")).GetProperty("motif").GetString(), StringComparison.Ordinal);
        await flow.WaitForOrderAsync(cancelled, "validee");
        Assert.Equal(13, await flow.StockAsync(moka));
        Assert.Equal(1, await flow.StockAsync(rare));

        await (await flow.Commandes.PutAsJsonAsync($"/orders/{cancelled}", new { statut = "annulee" })).ReadJsonAsync(HttpStatusCode.OK);
        await flow.WaitForStockAsync(moka, 18);

        Assert.Equal(HttpStatusCode.NoContent, (await flow.Clients.DeleteAsync($"/customers/{clientId}")).StatusCode);
        await flow.WaitForOrderAsync(validated, "client_supprime");
        await flow.WaitForStockAsync(moka, 20);
    }

    [Fact]
    public async Task Concurrent_orders_for_the_last_units_never_oversell_across_the_processes()
    {
        var flow = new FlowClient(Client("clients"), Client("produits"), Client("commandes"));
        var produit = await flow.CreateProductAsync(stock: 3);

        var orders = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => flow.CreateOrderAsync(1000 + i, (produit, 1))));

        var statuses = new List<string>();
        foreach (var commandeId in orders)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            string statut;
            do
            {
                statut = (await (await flow.Commandes.GetAsync($"/orders/{commandeId}")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("statut").GetString()!;
                await Task.Delay(statut == "en_attente" ? 50 : 0);
            }
            while (statut == "en_attente" && DateTime.UtcNow < deadline);
            statuses.Add(statut);
        }

        Assert.Equal(3, statuses.Count(statut => statut == "validee"));
        Assert.Equal(9, statuses.Count(statut => statut == "annulee"));
        Assert.Equal(0, await flow.StockAsync(produit));
    }

    [Fact]
    public async Task The_legacy_key_given_by_the_apphost_is_required()
    {
        var anonymous = _app.CreateHttpClient("clients");

        await (await anonymous.GetAsync("/customers/")).AssertProblemAsync(HttpStatusCode.Unauthorized, "API Key manquante");
    }

    private HttpClient Client(string resource)
    {
        var http = _app.CreateHttpClient(resource);
        http.WithApiKey(TestKeys.Legacy);
        return http;
    }
}
