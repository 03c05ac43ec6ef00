using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Distributed;

/// <summary>The AppHost starts the three APIs as processes, and each one answers on the port Aspire gives it.</summary>
[Collection(TestCollection.Name)]
public sealed class AppHostSmokeTests(TestEnvironment env) : IAsyncLifetime
{
    private static readonly int[] LegacyPorts = [8000, 8001, 8002];

    private DistributedApplication _app = null!;

    public async Task InitializeAsync() => _app = await env.AppHost;

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("clients", "Bienvenue sur l'API Clients de PayeTonKawa")]
    [InlineData("produits", "Bienvenue sur l'API Produits de PayeTonKawa")]
    [InlineData("commandes", "Bienvenue sur l'API Commandes de PayeTonKawa")]
    public async Task Each_api_answers_its_home_page_and_health_through_the_apphost(string resource, string welcome)
    {
        var http = _app.CreateHttpClient(resource);

        var home = await (await http.GetAsync("/")).ReadJsonAsync(HttpStatusCode.OK);
        var health = await (await http.GetAsync("/health")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(welcome, home.GetProperty("message").GetString());
        Assert.Equal("connected", health.GetProperty("database").GetString());
    }

    [Theory]
    [InlineData("clients")]
    [InlineData("produits")]
    [InlineData("commandes")]
    public void Under_tests_an_api_gets_a_free_port_rather_than_its_legacy_one(string resource)
    {
        var endpoint = _app.GetEndpoint(resource, "http");

        Assert.DoesNotContain(endpoint.Port, LegacyPorts);
    }
}
