using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Flows;

[Collection(TestCollection.Name)]
public sealed class PublishedEventsTests(TestEnvironment env)
{
    private readonly FlowClient _flow = new(env);

    [Fact]
    public async Task Product_writes_publish_the_legacy_events()
    {
        await using var tap = await EventTap.StartAsync(env.Infrastructure.MessagingConnectionString, "produit.*");
        var id = await _flow.CreateProductAsync(stock: 50, prix: 12.5m);
        await _flow.Produits.PutAsJsonAsync($"/products/{id}", new { prix = 13.5 });
        await _flow.Produits.DeleteAsync($"/products/{id}");

        var created = await tap.WaitForAsync("produit.created", e => e.GetProperty("produit_id").GetInt32() == id);
        var updated = await tap.WaitForAsync("produit.updated", e => e.GetProperty("produit_id").GetInt32() == id);
        var deleted = await tap.WaitForAsync("produit.deleted", e => e.GetProperty("produit_id").GetInt32() == id);

        Assert.Equal("produit_created", created.Body.GetProperty("event").GetString());
        Assert.Equal(12.5m, created.Body.GetProperty("data").GetProperty("prix").GetDecimal());
        Assert.Equal(50, created.Body.GetProperty("data").GetProperty("stock").GetInt32());
        Assert.StartsWith("Flux ", created.Body.GetProperty("data").GetProperty("nom").GetString(), StringComparison.Ordinal);
        Assert.Equal("produit_updated", updated.Body.GetProperty("event").GetString());
        Assert.Equal(13.5m, updated.Body.GetProperty("data").GetProperty("prix").GetDecimal());
        Assert.Equal("produit_deleted", deleted.Body.GetProperty("event").GetString());
        Assert.All(new[] { created, updated, deleted }, message => Assert.Equal(1, message.Body.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Stock_low_is_raised_by_a_put_and_by_a_reservation_below_the_threshold()
    {
        await using var tap = await EventTap.StartAsync(env.Infrastructure.MessagingConnectionString, "produit.stock_low");
        var byPut = await _flow.CreateProductAsync(stock: 50);
        var byReservation = await _flow.CreateProductAsync(stock: 12);
        var stillHigh = await _flow.CreateProductAsync(stock: 50);

        await _flow.Produits.PutAsJsonAsync($"/products/{byPut}", new { stock = 3 });
        await _flow.Produits.PutAsJsonAsync($"/products/{stillHigh}", new { stock = 10 });
        await _flow.CreateOrderAsync(OrderId(), (byReservation, 4));

        var put = await tap.WaitForAsync("produit.stock_low", e => e.GetProperty("produit_id").GetInt32() == byPut);
        var reserved = await tap.WaitForAsync("produit.stock_low", e => e.GetProperty("produit_id").GetInt32() == byReservation);
        Assert.Equal("produit_stock_low", put.Body.GetProperty("event").GetString());
        Assert.Equal(3, put.Body.GetProperty("stock_actuel").GetInt32());
        Assert.Equal(10, put.Body.GetProperty("seuil_alerte").GetInt32());
        Assert.StartsWith("Flux ", put.Body.GetProperty("produit_nom").GetString(), StringComparison.Ordinal);
        Assert.Equal(8, reserved.Body.GetProperty("stock_actuel").GetInt32());
        Assert.Empty(await tap.AllAsync("produit.stock_low", e => e.GetProperty("produit_id").GetInt32() == stillHigh, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Order_writes_and_reservation_answers_publish_their_events()
    {
        await using var tap = await EventTap.StartAsync(env.Infrastructure.MessagingConnectionString, "commande.*");
        var produit = await _flow.CreateProductAsync(stock: 10);
        var clientId = OrderId();
        var accepted = await _flow.CreateOrderAsync(clientId, (produit, 2));
        var refused = await _flow.CreateOrderAsync(clientId, (produit, 100));
        await _flow.WaitForOrderAsync(accepted, "validee");
        await _flow.Commandes.DeleteAsync($"/orders/{accepted}");

        var created = await tap.WaitForAsync("commande.created", e => e.GetProperty("commande_id").GetInt32() == accepted);
        var confirmed = await tap.WaitForAsync("commande.stock_confirmed", e => e.GetProperty("commande_id").GetInt32() == accepted);
        var rejected = await tap.WaitForAsync("commande.stock_rejected", e => e.GetProperty("commande_id").GetInt32() == refused);
        var validated = await tap.WaitForAsync("commande.updated",
            e => e.GetProperty("commande_id").GetInt32() == accepted && e.GetProperty("statut").GetString() == "validee");
        var cancelled = await tap.WaitForAsync("commande.updated",
            e => e.GetProperty("commande_id").GetInt32() == refused && e.GetProperty("statut").GetString() == "annulee");
        var deleted = await tap.WaitForAsync("commande.deleted", e => e.GetProperty("commande_id").GetInt32() == accepted);

        Assert.Equal("commande_created", created.Body.GetProperty("event").GetString());
        var data = created.Body.GetProperty("data");
        Assert.Equal(clientId, data.GetProperty("client_id").GetInt32());
        Assert.Equal(20m, data.GetProperty("total").GetDecimal());
        Assert.Equal("en_attente", data.GetProperty("statut").GetString());
        Assert.Equal(produit, data.GetProperty("lignes")[0].GetProperty("produit_id").GetInt32());
        Assert.Equal(2, data.GetProperty("lignes")[0].GetProperty("quantite").GetInt32());
        Assert.Equal("commande_stock_confirmed", confirmed.Body.GetProperty("event").GetString());
        Assert.StartsWith("Stock insuffisant", rejected.Body.GetProperty("motif").GetString(), StringComparison.Ordinal);
        Assert.Equal("commande_updated", validated.Body.GetProperty("event").GetString());
        Assert.StartsWith("Stock insuffisant", cancelled.Body.GetProperty("motif").GetString(), StringComparison.Ordinal);
        Assert.Equal("commande_deleted", deleted.Body.GetProperty("event").GetString());
    }

    [Fact]
    public async Task A_deleted_product_is_recorded_and_its_orders_stay_readable()
    {
        var produit = await _flow.CreateProductAsync(stock: 10);
        var commandeId = await _flow.CreateOrderAsync(OrderId(), (produit, 1));
        await _flow.WaitForOrderAsync(commandeId, "validee");

        await _flow.Produits.DeleteAsync($"/products/{produit}");

        var deadline = DateTime.UtcNow.AddSeconds(15);
        bool recorded;
        do
        {
            await using var scope = env.Commandes.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PayeTonKawa.Commandes.Data.CommandesDbContext>();
            recorded = await db.ProduitsSupprimes.AnyAsync(supprime => supprime.ProduitId == produit);
            await Task.Delay(recorded ? 0 : 50);
        }
        while (!recorded && DateTime.UtcNow < deadline);

        Assert.True(recorded);
        var commande = await (await _flow.Commandes.GetAsync($"/orders/{commandeId}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(produit, commande.GetProperty("lignes")[0].GetProperty("produit_id").GetInt32());
    }

    private static int OrderId() => OrderRequests.NewClientId();
}
