using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Commandes.Coherence;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Flows;

/// <summary>
/// The stock coherence check: silent after every path of the saga, and precise about each drift made by hand in one
/// database or the other.
/// </summary>
[Collection(TestCollection.Name)]
public sealed class StockCoherenceTests(TestEnvironment env)
{
    private readonly FlowClient _flow = new(env);

    [Fact]
    public async Task Every_path_of_the_saga_ends_without_drift()
    {
        var produit = await _flow.CreateProductAsync(stock: 100);
        var scarce = await _flow.CreateProductAsync(stock: 1);
        var clientId = await _flow.CreateClientAsync();
        var validated = await _flow.CreateOrderAsync(OrderId(), (produit, 2), (produit, 3));
        var refused = await _flow.CreateOrderAsync(OrderId(), (produit, 1), (scarce, 5));
        var cancelled = await _flow.CreateOrderAsync(OrderId(), (produit, 4));
        var shipped = await _flow.CreateOrderAsync(OrderId(), (produit, 1));
        var delivered = await _flow.CreateOrderAsync(OrderId(), (produit, 2));
        var deleted = await _flow.CreateOrderAsync(OrderId(), (produit, 3));
        var deletedAfterDelivery = await _flow.CreateOrderAsync(OrderId(), (produit, 1));
        var ofDeletedClient = await _flow.CreateOrderAsync(clientId, (produit, 5));
        var shippedOfDeletedClient = await _flow.CreateOrderAsync(clientId, (produit, 1));
        await _flow.WaitForOrderAsync(refused, Statuts.Annulee);
        foreach (var commandeId in new[] { validated, cancelled, shipped, delivered, deleted, deletedAfterDelivery, ofDeletedClient, shippedOfDeletedClient })
        {
            await _flow.WaitForOrderAsync(commandeId, Statuts.Validee);
        }

        await SetStatusesAsync(cancelled, Statuts.Annulee);
        await SetStatusesAsync(shipped, Statuts.EnPreparation, Statuts.Expediee);
        await SetStatusesAsync(shippedOfDeletedClient, Statuts.EnPreparation, Statuts.Expediee);
        await SetStatusesAsync(delivered, Statuts.EnPreparation, Statuts.Expediee, Statuts.Livree);
        await SetStatusesAsync(deletedAfterDelivery, Statuts.EnPreparation, Statuts.Expediee, Statuts.Livree);
        Assert.Equal(HttpStatusCode.NoContent, (await _flow.Commandes.DeleteAsync($"/orders/{deleted}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _flow.Commandes.DeleteAsync($"/orders/{deletedAfterDelivery}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _flow.Clients.DeleteAsync($"/customers/{clientId}")).StatusCode);
        await _flow.WaitForOrderAsync(ofDeletedClient, Statuts.ClientSupprime);
        await _flow.WaitForOrderAsync(shippedOfDeletedClient, Statuts.ClientSupprime);

        var drifts = await env.StockDriftsAsync(
            [validated, refused, cancelled, shipped, delivered, deleted, deletedAfterDelivery, ofDeletedClient, shippedOfDeletedClient]);

        Assert.Empty(drifts);
        await _flow.WaitForStockAsync(produit, 100 - 5 - 1 - 2 - 1 - 1);
        var report = await env.CheckStockCoherenceAsync();
        Assert.True(report.CommandesVerifiees >= 7, $"{report.CommandesVerifiees} orders checked");
        Assert.True(report.ReservationsVerifiees >= 9, $"{report.ReservationsVerifiees} reservations checked");
    }

    [Fact]
    public async Task A_drift_made_in_either_database_is_reported_with_what_was_expected()
    {
        var produit = await _flow.CreateProductAsync(stock: 100);
        var noReservation = await _flow.CreateOrderAsync(OrderId(), (produit, 1));
        var otherQuantity = await _flow.CreateOrderAsync(OrderId(), (produit, 2));
        var released = await _flow.CreateOrderAsync(OrderId(), (produit, 3));
        var orderGone = await _flow.CreateOrderAsync(OrderId(), (produit, 4));
        var cancelledButHeld = await _flow.CreateOrderAsync(OrderId(), (produit, 5));
        int[] ids = [noReservation, otherQuantity, released, orderGone, cancelledButHeld];
        foreach (var commandeId in ids)
        {
            await _flow.WaitForOrderAsync(commandeId, Statuts.Validee);
        }

        await SetStatusesAsync(cancelledButHeld, Statuts.Annulee);
        await _flow.WaitForStockAsync(produit, 100 - 1 - 2 - 3 - 4);
        Assert.Empty(await env.StockDriftsAsync(ids));

        try
        {
            await InProduitsAsync(db => db.Reservations.Where(r => r.CommandeId == noReservation).ExecuteDeleteAsync());
            await InProduitsAsync(db => db.Set<PayeTonKawa.Produits.Stock.LigneReservation>().Where(l => l.CommandeId == otherQuantity)
                .ExecuteUpdateAsync(setters => setters.SetProperty(l => l.Quantite, 7)));
            await InProduitsAsync(db => db.Reservations.Where(r => r.CommandeId == released)
                .ExecuteUpdateAsync(setters => setters.SetProperty(r => r.Statut, "liberee")));
            await InProduitsAsync(db => db.Reservations.Where(r => r.CommandeId == cancelledButHeld)
                .ExecuteUpdateAsync(setters => setters.SetProperty(r => r.Statut, "reservee")));
            await InCommandesAsync(db => db.Commandes.Where(c => c.Id == orderGone).ExecuteDeleteAsync());

            var report = await env.CheckStockCoherenceAsync();
            var drifts = report.DriftsOf(ids).ToDictionary(ecart => ecart.CommandeId);

            Assert.Equal(5, drifts.Count);
            Assert.Equal(new StockEcart(noReservation, "validee", null, "reservee", CoherenceMessages.NoReservation), drifts[noReservation]);
            Assert.Equal(new StockEcart(otherQuantity, "validee", "reservee", "reservee",
                $"Les lignes réservées diffèrent de la commande : produit {produit} : 2 commandé(s), 7 réservé(s)."), drifts[otherQuantity]);
            Assert.Equal(new StockEcart(released, "validee", "liberee", "reservee",
                "Produits a la réservation au statut « liberee », attendu : reservee."), drifts[released]);
            Assert.Equal(new StockEcart(orderGone, null, "reservee", "liberee, refusee ou consommee", CoherenceMessages.DeletedOrderStillHolds),
                drifts[orderGone]);
            Assert.Equal(new StockEcart(cancelledButHeld, "annulee", "reservee", "aucune réservation, liberee ou refusee",
                CoherenceMessages.CancelledOrderStillHolds), drifts[cancelledButHeld]);
            Assert.True(report.NombreEcarts >= 5);

            // Changed a moment ago: within the default stability delay they count as under way, not as drifts.
            var patient = await env.CheckStockCoherenceAsync(stabiliteSecondes: 3600);
            Assert.Empty(patient.DriftsOf(ids));
            Assert.True(patient.EnCours >= 5, $"{patient.EnCours} orders under way");
        }
        finally
        {
            // Nothing left to drift for the other tests of the run.
            await InProduitsAsync(db => db.Reservations.Where(r => ids.Contains(r.CommandeId)).ExecuteDeleteAsync());
            await InCommandesAsync(db => db.Commandes.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task An_order_waiting_for_its_stock_is_under_way_until_the_stability_delay_has_passed()
    {
        // Saved without its event: Produits never hears of it, as if the event were still on its way.
        var commande = new Commande { ClientId = OrderId(), Statut = Statuts.EnAttente, Total = 10m, DateCommande = DateTimeOffset.UtcNow };
        commande.Lignes.Add(new LigneCommande { ProduitId = 1, Quantite = 1, PrixUnitaire = 10m });
        await InCommandesAsync(async db =>
        {
            db.Commandes.Add(commande);
            return await db.SaveChangesAsync();
        });

        try
        {
            var fresh = await env.CheckStockCoherenceAsync(stabiliteSecondes: 60);
            var late = await env.CheckStockCoherenceAsync(stabiliteSecondes: 0);

            Assert.Empty(fresh.DriftsOf([commande.Id]));
            Assert.True(fresh.EnCours >= 1);
            var drift = Assert.Single(late.DriftsOf([commande.Id]));
            Assert.Equal(("en_attente", null), (drift.StatutCommande, drift.ReservationProduits));
            Assert.Equal(CoherenceMessages.StillWaiting(null), drift.Detail);
        }
        finally
        {
            await InCommandesAsync(db => db.Commandes.Where(c => c.Id == commande.Id).ExecuteDeleteAsync());
        }
    }

    private static int OrderId() => OrderRequests.NewClientId();

    private async Task SetStatusesAsync(int commandeId, params string[] statuts)
    {
        foreach (var statut in statuts)
        {
            await (await _flow.Commandes.PutAsJsonAsync($"/orders/{commandeId}", new { statut })).ReadJsonAsync(HttpStatusCode.OK);
        }
    }

    private async Task InProduitsAsync(Func<ProduitsDbContext, Task<int>> change)
    {
        await using var scope = env.Produits.Services.CreateAsyncScope();
        await change(scope.ServiceProvider.GetRequiredService<ProduitsDbContext>());
    }

    private async Task InCommandesAsync(Func<CommandesDbContext, Task<int>> change)
    {
        await using var scope = env.Commandes.Services.CreateAsyncScope();
        await change(scope.ServiceProvider.GetRequiredService<CommandesDbContext>());
    }
}
