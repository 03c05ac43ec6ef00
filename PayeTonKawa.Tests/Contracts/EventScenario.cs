using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Contracts;

/// <summary>
/// Drives the three APIs hosted in memory so that every routing key the services publish goes through the real broker
/// at least once, each kind of body in its variants (a refused reservation's <c>motif</c>, a status set by a caller, by
/// the reservation and by a customer's deletion), and returns what a subscriber of the whole exchange received.
/// </summary>
internal static class EventScenario
{
    public static async Task<IReadOnlyList<TappedMessage>> RunAsync(TestEnvironment env, EventTap tap)
    {
        var flow = new FlowClient(env);
        var clientId = await flow.CreateClientAsync();
        var plenty = await flow.CreateProductAsync(stock: 40, prix: 12.5m);
        var scarce = await flow.CreateProductAsync(stock: 12);
        var discontinued = await flow.CreateProductAsync(stock: 5);

        // client.updated, produit.updated and (stock 3 < threshold) produit.stock_low, all caused by a request.
        (await flow.Clients.PutAsJsonAsync($"/customers/{clientId}", new { adresse = "12 rue du Café, Lyon", telephone = "0612345678" }))
            .EnsureSuccessStatusCode();
        (await flow.Produits.PutAsJsonAsync($"/products/{plenty}", new { prix = 13.5m })).EnsureSuccessStatusCode();
        (await flow.Produits.PutAsJsonAsync($"/products/{discontinued}", new { stock = 3 })).EnsureSuccessStatusCode();

        // commande.created → commande.stock_confirmed (+ produit.stock_low: 12 - 4 < 10) → commande.updated "validee".
        var kept = await flow.CreateOrderAsync(clientId, (plenty, 2), (scarce, 4));
        // commande.created → commande.stock_rejected → commande.updated "annulee" with its motif.
        var refused = await flow.CreateOrderAsync(clientId, (plenty, 1_000));
        // commande.created → stock_confirmed, then commande.deleted.
        var dropped = await flow.CreateOrderAsync(clientId, (plenty, 1));
        await flow.WaitForOrderAsync(kept, "validee");
        await flow.WaitForOrderAsync(refused, "annulee");
        await flow.WaitForOrderAsync(dropped, "validee");

        // commande.updated caused by a request.
        (await flow.Commandes.PutAsJsonAsync($"/orders/{kept}", new { statut = "en_preparation" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await flow.Commandes.DeleteAsync($"/orders/{dropped}")).StatusCode);
        // client.deleted → commande.updated "client_supprime" for the orders of the customer.
        Assert.Equal(HttpStatusCode.NoContent, (await flow.Clients.DeleteAsync($"/customers/{clientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await flow.Produits.DeleteAsync($"/products/{discontinued}")).StatusCode);

        await tap.WaitForAsync("client.created", e => Is(e, "client_id", clientId));
        await tap.WaitForAsync("client.updated", e => Is(e, "client_id", clientId));
        await tap.WaitForAsync("client.deleted", e => Is(e, "client_id", clientId));
        await tap.WaitForAsync("produit.created", e => Is(e, "produit_id", plenty));
        await tap.WaitForAsync("produit.updated", e => Is(e, "produit_id", plenty));
        await tap.WaitForAsync("produit.deleted", e => Is(e, "produit_id", discontinued));
        await tap.WaitForAsync("produit.stock_low", e => Is(e, "produit_id", discontinued));
        await tap.WaitForAsync("produit.stock_low", e => Is(e, "produit_id", scarce));
        await tap.WaitForAsync("commande.created", e => Is(e, "commande_id", kept));
        await tap.WaitForAsync("commande.stock_confirmed", e => Is(e, "commande_id", kept));
        await tap.WaitForAsync("commande.stock_rejected", e => Is(e, "commande_id", refused));
        await tap.WaitForAsync("commande.updated", e => Is(e, "commande_id", refused) && e.GetProperty("statut").GetString() == "annulee");
        await tap.WaitForAsync("commande.updated", e => Is(e, "commande_id", kept) && e.GetProperty("statut").GetString() == "en_preparation");
        await tap.WaitForAsync("commande.updated", e => Is(e, "commande_id", kept) && e.GetProperty("statut").GetString() == "client_supprime");
        await tap.WaitForAsync("commande.deleted", e => Is(e, "commande_id", dropped));

        return [.. tap.Messages];
    }

    private static bool Is(JsonElement body, string property, int id) =>
        body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.GetInt32() == id;
}
