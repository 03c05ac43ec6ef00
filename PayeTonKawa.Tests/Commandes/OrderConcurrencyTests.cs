using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Commandes;

/// <summary>A change made by another writer between read and save is never overwritten, and never a 500.</summary>
[Collection(TestCollection.Name)]
public sealed class OrderConcurrencyTests(TestEnvironment env) : IAsyncLifetime
{
    private const string Conflict = "La commande a été modifiée par une autre requête entre-temps ; relisez-la puis réessayez.";

    private const string DetachFromDeletedClient = "UPDATE commandes SET statut = 'client_supprime' WHERE id = @id";
    private const string Delete = "DELETE FROM commandes WHERE id = @id";

    private readonly ConcurrentWriter<Commande> _writer = new();
    private WebApplicationFactory<CommandesDbContext> _api = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _api = (await env.IsolatedCommandesAsync()).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<CommandesDbContext>(options => options.AddInterceptors(_writer))));
        _http = _api.CreateClient();
        _http.WithApiKey(TestKeys.Legacy);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_status_change_racing_another_change_is_409_and_keeps_the_other_change()
    {
        var id = await CreateAsync();
        Arm(id, DetachFromDeletedClient);

        var response = await _http.PutAsJsonAsync($"/orders/{id}", new { statut = "annulee" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, Conflict);
        Assert.Equal("client_supprime", (await (await _http.GetAsync($"/orders/{id}")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("statut").GetString());
    }

    [Fact]
    public async Task A_status_change_of_an_order_deleted_meanwhile_is_404()
    {
        var id = await CreateAsync();
        Arm(id, Delete);

        var response = await _http.PutAsJsonAsync($"/orders/{id}", new { statut = "annulee" });

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Commande non trouvee");
    }

    [Fact]
    public async Task A_delete_racing_a_status_change_is_409_and_the_order_stays()
    {
        var id = await CreateAsync();
        Arm(id, DetachFromDeletedClient);

        var response = await _http.DeleteAsync($"/orders/{id}");

        await response.AssertProblemAsync(HttpStatusCode.Conflict, Conflict);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/orders/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_delete_racing_another_delete_is_404()
    {
        var id = await CreateAsync();
        Arm(id, Delete);

        await (await _http.DeleteAsync($"/orders/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "Commande non trouvee");
    }

    private void Arm(int id, string sql)
    {
        _writer.EntityId = id;
        _writer.Sql = sql;
    }

    private async Task<int> CreateAsync()
    {
        var response = await _http.PostAsJsonAsync("/orders/", OrderRequests.Valid(OrderRequests.NewClientId()));
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }
}
