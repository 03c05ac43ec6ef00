using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Commandes.Messaging;
using PayeTonKawa.Messaging;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Commandes;

/// <summary>
/// The system transitions, applied by calling the handlers directly on the API's database (the broker path, with
/// redelivery and dead-lettering, is covered by the Flows tests).
/// </summary>
[Collection(TestCollection.Name)]
public sealed class OrderEventHandlersTests(TestEnvironment env) : IAsyncLifetime
{
    private HttpClient _http = null!;

    public async Task InitializeAsync() => _http = await env.IsolatedCommandesClientAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_stock_confirmation_validates_a_waiting_order_and_publishes_the_change()
    {
        var id = await CreateAsync(OrderRequests.NewClientId());

        var events = await HandleAsync<StockAnswerHandler>(IncomingEvents.StockConfirmed, new { commande_id = id });

        var commande = await GetAsync(id);
        Assert.Equal("validee", commande.GetProperty("statut").GetString());
        Assert.Equal(JsonValueKind.Null, commande.GetProperty("motif").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, commande.GetProperty("date_modification").ValueKind);
        Assert.Equal([CommandeEvents.UpdatedKey], events);
    }

    [Theory]
    [InlineData("Stock insuffisant pour le produit 3.", "Stock insuffisant pour le produit 3.")]
    [InlineData(null, "Stock indisponible.")]
    public async Task A_stock_rejection_cancels_a_waiting_order_with_the_reason(string? motif, string expected)
    {
        var id = await CreateAsync(OrderRequests.NewClientId());

        await HandleAsync<StockAnswerHandler>(IncomingEvents.StockRejected, new { commande_id = id, motif });

        var commande = await GetAsync(id);
        Assert.Equal("annulee", commande.GetProperty("statut").GetString());
        Assert.Equal(expected, commande.GetProperty("motif").GetString());
    }

    [Fact]
    public async Task A_stock_answer_leaves_an_order_no_longer_waiting_or_deleted_alone()
    {
        var id = await CreateAsync(OrderRequests.NewClientId());
        await (await _http.PutAsJsonAsync($"/orders/{id}", new { statut = "annulee" })).ReadJsonAsync(HttpStatusCode.OK);

        var events = await HandleAsync<StockAnswerHandler>(IncomingEvents.StockConfirmed, new { commande_id = id });
        var noOrder = await HandleAsync<StockAnswerHandler>(IncomingEvents.StockConfirmed, new { commande_id = 987654321 });

        Assert.Equal("annulee", (await GetAsync(id)).GetProperty("statut").GetString());
        Assert.Empty(events);
        Assert.Empty(noOrder);
    }

    [Fact]
    public async Task A_deleted_client_has_every_order_set_to_client_supprime_and_others_keep_theirs()
    {
        var clientId = OrderRequests.NewClientId();
        var first = await CreateAsync(clientId);
        var second = await CreateAsync(clientId);
        var other = await CreateAsync(OrderRequests.NewClientId());

        var events = await HandleAsync<ClientDeletedHandler>(IncomingEvents.ClientDeleted, new { client_id = clientId });

        Assert.Equal("client_supprime", (await GetAsync(first)).GetProperty("statut").GetString());
        Assert.Equal("client_supprime", (await GetAsync(second)).GetProperty("statut").GetString());
        Assert.Equal("en_attente", (await GetAsync(other)).GetProperty("statut").GetString());
        Assert.Equal([CommandeEvents.UpdatedKey, CommandeEvents.UpdatedKey], events);
    }

    [Fact]
    public async Task A_deleted_client_leaves_its_delivered_and_cancelled_orders_as_they_are()
    {
        var clientId = OrderRequests.NewClientId();
        var delivered = await CreateAsync(clientId);
        var cancelled = await CreateAsync(clientId);
        var underWay = await CreateAsync(clientId);
        await SetStatusAsync(delivered, "livree");
        await SetStatusAsync(cancelled, "annulee");

        var events = await HandleAsync<ClientDeletedHandler>(IncomingEvents.ClientDeleted, new { client_id = clientId });

        Assert.Equal("livree", (await GetAsync(delivered)).GetProperty("statut").GetString());
        Assert.Equal("annulee", (await GetAsync(cancelled)).GetProperty("statut").GetString());
        Assert.Equal("client_supprime", (await GetAsync(underWay)).GetProperty("statut").GetString());
        Assert.Equal([CommandeEvents.UpdatedKey], events);
    }

    [Fact]
    public async Task A_deleted_product_is_recorded_once_and_orders_keep_their_lines()
    {
        var produitId = Random.Shared.Next(1_000_000, int.MaxValue);
        var id = await CreateAsync(OrderRequests.NewClientId());

        await HandleAsync<ProduitDeletedHandler>(IncomingEvents.ProduitDeleted, new { produit_id = produitId });
        await HandleAsync<ProduitDeletedHandler>(IncomingEvents.ProduitDeleted, new { produit_id = produitId });

        await using var scope = (await env.IsolatedCommandesAsync()).Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommandesDbContext>();
        Assert.Equal(1, await db.ProduitsSupprimes.CountAsync(produit => produit.ProduitId == produitId));
        Assert.Equal(2, (await GetAsync(id)).GetProperty("lignes").GetArrayLength());
    }

    /// <summary>Runs the handler as the consumer does (then saves), and returns the routing keys of the events it wrote.</summary>
    private async Task<string[]> HandleAsync<THandler>(string routingKey, object payload)
        where THandler : IEventHandler<CommandesDbContext>
    {
        await using var scope = (await env.IsolatedCommandesAsync()).Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommandesDbContext>();
        var handler = scope.ServiceProvider.GetRequiredService<THandler>();
        var envelope = new EventEnvelope(Guid.NewGuid(), routingKey, JsonSerializer.SerializeToElement(payload), RequestId: null);

        await handler.HandleAsync([envelope], db, CancellationToken.None);
        var events = db.ChangeTracker.Entries<OutboxMessage>().Select(entry => entry.Entity.RoutingKey).ToArray();
        await db.SaveChangesAsync();
        return events;
    }

    private async Task SetStatusAsync(int id, string statut)
    {
        await using var scope = (await env.IsolatedCommandesAsync()).Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommandesDbContext>();
        await db.Commandes.Where(commande => commande.Id == id).ExecuteUpdateAsync(set => set.SetProperty(commande => commande.Statut, statut));
    }

    private async Task<JsonElement> GetAsync(int id) => await (await _http.GetAsync($"/orders/{id}")).ReadJsonAsync(HttpStatusCode.OK);

    private async Task<int> CreateAsync(int clientId)
    {
        var response = await _http.PostAsJsonAsync("/orders/", OrderRequests.Valid(clientId));
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }
}
