using System.Net;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.AppHost.Dashboard;
using PayeTonKawa.Tests.Support;
using RabbitMQ.Client;

namespace PayeTonKawa.Tests.Distributed;

/// <summary>
/// The dashboard as the team's console: each API links to its reference and OpenAPI document, and the resource
/// commands do what an operator did by hand, through the APIs' own routes, as the dashboard runs them.
/// </summary>
[Collection(TestCollection.Name)]
public sealed class DashboardConsoleTests(TestEnvironment env) : IAsyncLifetime
{
    private DistributedApplication _app = null!;

    public async Task InitializeAsync() => _app = await env.AppHost;

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("clients")]
    [InlineData("produits")]
    [InlineData("commandes")]
    public async Task Each_api_links_to_its_scalar_reference_and_its_openapi_document(string api)
    {
        var resource = await _app.ResourceNotifications.WaitForResourceAsync(api, e => e.Snapshot.Urls.Length >= 3);
        var urls = resource.Snapshot.Urls.ToDictionary(url => url.DisplayProperties.DisplayName, url => url.Url);
        using var http = new HttpClient();

        var reference = await http.GetAsync(urls["Référence de l'API (Scalar)"]);
        var document = await http.GetAsync(urls["Document OpenAPI"]);

        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("text/html", reference.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var openApi = JsonDocument.Parse(await document.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", openApi.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/openapi/v1.json", urls["Document OpenAPI"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loading_the_demo_catalogue_creates_what_is_missing_through_the_api_and_nothing_twice()
    {
        var produits = Client("produits");
        var coffees = DemoCatalogueCommand.Coffees().Select(coffee => coffee.GetProperty("nom").GetString()!).ToList();
        // A coffee missing from the catalogue, whatever the environment seeded at start.
        foreach (var id in await IdsNamedAsync(produits, coffees[0]))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await produits.DeleteAsync($"/products/{id}")).StatusCode);
        }

        var first = await ExecuteAsync("produits", DemoCatalogueCommand.Name);
        var second = await ExecuteAsync("produits", DemoCatalogueCommand.Name);

        Assert.True(first.Success, first.Message);
        Assert.StartsWith("1 produit(s) créé(s)", first.Message, StringComparison.Ordinal);
        Assert.Equal($"0 produit(s) créé(s), {coffees.Count} déjà présent(s) dans le catalogue.", second.Message);
        foreach (var nom in coffees)
        {
            Assert.Single(await IdsNamedAsync(produits, nom));
        }
    }

    [Fact]
    public async Task The_stock_coherence_check_shows_its_verdict()
    {
        var result = await ExecuteAsync("commandes", StockCoherenceCommand.Name);

        Assert.True(result.Success, result.Message);
        Assert.Matches("^[0-9]+ commande\\(s\\) et [0-9]+ réservation\\(s\\) comparées, [0-9]+ en cours, 0 écart\\(s\\)\\.$", result.Message);
        Assert.Contains("Aucun écart", result.Data!.Value, StringComparison.Ordinal);
        Assert.True(result.Data.DisplayImmediately);
    }

    [Fact]
    public async Task Replaying_dead_letters_sends_them_back_to_their_queue()
    {
        var messaging = (await _app.GetConnectionStringAsync("messaging"))!;
        var produits = Client("produits");
        const string queue = "produits_commande_events";
        var before = await DeadLettersAsync(produits, queue);
        await RawPublisher.PublishAsync(messaging, "commande.created", Encoding.UTF8.GetBytes("{}"));
        Assert.Equal(before + 1, await Eventually.ReadAsync(() => DeadLettersAsync(produits, queue), count => count == before + 1, TimeSpan.FromSeconds(60)));

        var result = await ExecuteAsync("produits", ReplayDeadLettersCommand.Name);

        Assert.True(result.Success, result.Message);
        Assert.Equal($"{before + 1} message(s) rejoué(s) depuis les lettres mortes.", result.Message);
        Assert.Contains($"| `{queue}` | {before + 1} |", result.Data!.Value, StringComparison.Ordinal);
        // Back in its queue, still poison: the consumer dead-letters it again; then it is cleared for the other tests.
        Assert.Equal(before + 1, await Eventually.ReadAsync(() => DeadLettersAsync(produits, queue), count => count == before + 1, TimeSpan.FromSeconds(60)));
        await ClearDeadLettersAsync(messaging, queue);
    }

    private Task<ExecuteCommandResult> ExecuteAsync(string resource, string command) =>
        _app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command);

    private HttpClient Client(string resource) => _app.CreateHttpClient(resource).WithApiKey(TestKeys.Legacy);

    private static async Task<List<int>> IdsNamedAsync(HttpClient produits, string nom)
    {
        var found = await (await produits.GetAsync($"/products/?q={Uri.EscapeDataString(nom)}&limit=500")).ReadJsonAsync(HttpStatusCode.OK);
        return found.EnumerateArray().Where(product => product.GetProperty("nom").GetString() == nom).Select(product => product.GetProperty("id").GetInt32()).ToList();
    }

    private static async Task<long> DeadLettersAsync(HttpClient api, string queue)
    {
        var queues = await (await api.GetAsync("/admin/dead-letters/")).ReadJsonAsync(HttpStatusCode.OK);
        return queues.EnumerateArray().Single(entry => entry.GetProperty("queue").GetString() == queue).GetProperty("messages").GetInt64();
    }

    private static async Task ClearDeadLettersAsync(string messaging, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(messaging) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueuePurgeAsync($"{queue}.dlq");
    }
}
