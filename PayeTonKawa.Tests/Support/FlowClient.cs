using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PayeTonKawa.Tests.Support;

/// <summary>The three APIs driven like a front end would, plus waits on the outcomes that come later through events.</summary>
internal sealed class FlowClient(HttpClient clients, HttpClient produits, HttpClient commandes)
{
    /// <summary>The APIs hosted in memory by the test run.</summary>
    public FlowClient(TestEnvironment env)
        : this(env.Clients.CreateClient(), env.Produits.CreateClient(), env.Commandes.CreateClient())
    {
    }

    public HttpClient Clients { get; } = clients;

    public HttpClient Produits { get; } = produits;

    public HttpClient Commandes { get; } = commandes;

    public async Task<int> CreateProductAsync(int stock, decimal prix = 10m)
    {
        var produit = await (await Produits.PostAsJsonAsync("/products/", new { nom = $"Flux {Guid.NewGuid():N}", prix, stock }))
            .ReadJsonAsync(HttpStatusCode.Created);
        return produit.GetProperty("id").GetInt32();
    }

    public async Task<int> CreateClientAsync()
    {
        var client = await (await Clients.PostAsJsonAsync("/customers/", new
        {
            nom = "Flux",
            prenom = "Client",
            email = $"flux.{Guid.NewGuid():N}@example.com",
            mot_de_passe = "motdepasse",
        })).ReadJsonAsync(HttpStatusCode.Created);
        return client.GetProperty("id").GetInt32();
    }

    public async Task<int> CreateOrderAsync(int clientId, params (int ProduitId, int Quantite)[] lignes)
    {
        var commande = await (await Commandes.PostAsJsonAsync("/orders/", new
        {
            client_id = clientId,
            lignes = lignes.Select(ligne => new { produit_id = ligne.ProduitId, quantite = ligne.Quantite, prix_unitaire = 10m }),
        })).ReadJsonAsync(HttpStatusCode.Created);
        return commande.GetProperty("id").GetInt32();
    }

    public async Task<int> StockAsync(int produitId) =>
        (await (await Produits.GetAsync($"/products/{produitId}")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("stock").GetInt32();

    /// <summary>Polls the order until its status leaves <c>en_attente</c> (or <paramref name="expected"/> is reached).</summary>
    public async Task<JsonElement> WaitForOrderAsync(int commandeId, string expected, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        JsonElement commande;
        do
        {
            commande = await (await Commandes.GetAsync($"/orders/{commandeId}")).ReadJsonAsync(HttpStatusCode.OK);
            if (commande.GetProperty("statut").GetString() == expected)
            {
                return commande;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"Order {commandeId} is '{commande.GetProperty("statut").GetString()}', expected '{expected}'.");
        return commande;
    }

    public async Task WaitForStockAsync(int produitId, int expected, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        int stock;
        do
        {
            stock = await StockAsync(produitId);
            if (stock == expected)
            {
                return;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"Product {produitId} has {stock} in stock, expected {expected}.");
    }
}
