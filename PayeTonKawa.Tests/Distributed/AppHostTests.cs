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
    public async Task The_three_apis_answer_through_the_apphost()
    {
        foreach (var (resource, message) in new[]
        {
            ("clients", "Bienvenue sur l'API Clients de PayeTonKawa"),
            ("produits", "Bienvenue sur l'API Produits de PayeTonKawa"),
            ("commandes", "Bienvenue sur l'API Commandes de PayeTonKawa"),
        })
        {
            var http = _app.CreateHttpClient(resource);
            var welcome = await (await http.GetAsync("/")).ReadJsonAsync(HttpStatusCode.OK);
            var health = await (await http.GetAsync("/health")).ReadJsonAsync(HttpStatusCode.OK);

            Assert.Equal(message, welcome.GetProperty("message").GetString());
            Assert.Equal("connected", health.GetProperty("database").GetString());
        }
    }

    [Fact]
    public async Task A_customer_orders_a_product_across_the_three_services()
    {
        var clients = Client("clients");
        var produits = Client("produits");
        var commandes = Client("commandes");

        var client = await (await clients.PostAsJsonAsync("/customers/", new
        {
            nom = "Durand",
            prenom = "Alice",
            email = $"alice.{Guid.NewGuid():N}@example.com",
            mot_de_passe = "motdepasse",
        })).ReadJsonAsync(HttpStatusCode.Created);
        var produit = await (await produits.PostAsJsonAsync("/products/", new { nom = "Moka Sidamo", prix = 12.5, stock = 20 }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var clientId = client.GetProperty("id").GetInt32();

        var commande = await (await commandes.PostAsJsonAsync("/orders/", new
        {
            client_id = clientId,
            lignes = new[] { new { produit_id = produit.GetProperty("id").GetInt32(), quantite = 2, prix_unitaire = 12.5 } },
        })).ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(25.0m, commande.GetProperty("total").GetDecimal());
        var ofClient = await (await commandes.GetAsync($"/orders/client/{clientId}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(commande.GetProperty("id").GetInt32(), Assert.Single(ofClient.EnumerateArray()).GetProperty("id").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await clients.GetAsync($"/customers/{clientId}")).StatusCode);
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
        http.DefaultRequestHeaders.Add("X-API-Key", TestKeys.Legacy);
        return http;
    }
}
