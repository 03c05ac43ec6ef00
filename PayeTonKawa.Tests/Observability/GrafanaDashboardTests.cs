using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Clients.Customers;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Observability;

/// <summary>
/// The Grafana dashboard in <c>docs/monitoring</c> has a panel per statistic the customer asked for, and every metric
/// its queries read is one the APIs really export.
/// </summary>
[Collection(TestCollection.Name)]
public sealed partial class GrafanaDashboardTests(TestEnvironment env) : IAsyncLifetime
{
    private static readonly string[] RequiredPanels =
    [
        "Appels HTTP par API",
        "Codes de statut renvoyés",
        "Temps d'exécution moyen",
        "Exceptions levées",
        "Messages en attente par file RabbitMQ",
        "Messages traités par file",
    ];

    private WebApplicationFactory<ClientsDbContext> _clients = null!;
    private WebApplicationFactory<CommandesDbContext> _commandes = null!;

    public Task InitializeAsync()
    {
        _clients = env.Clients.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<Client>, ThrowingHasher>()));
        _commandes = env.Commandes.WithWebHostBuilder(_ => { });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _clients.DisposeAsync();
        await _commandes.DisposeAsync();
    }

    [Fact]
    public void The_dashboard_has_one_panel_per_statistic_the_customer_listed()
    {
        var panels = Dashboard().GetProperty("panels").EnumerateArray().ToList();

        Assert.All(RequiredPanels, title => Assert.Contains(panels, panel => panel.GetProperty("title").GetString() == title));
        Assert.All(panels, panel => Assert.NotEmpty(panel.GetProperty("targets").EnumerateArray()));
        Assert.Equal(panels.Count, panels.Select(panel => panel.GetProperty("id").GetInt32()).Distinct().Count());
    }

    [Fact]
    public async Task Every_metric_the_dashboard_queries_is_exported_by_the_apis()
    {
        var names = Dashboard().GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .SelectMany(target => MetricName().Matches(target.GetProperty("expr").GetString()!).Select(match => match.Groups[1].Value))
            .Append("target_info") // the API selector of the dashboard
            .ToHashSet();
        await ProduceEveryKindOfMeasurementAsync();

        var exported = await Eventually.ReadAsync(ExportedNamesAsync, exported => names.IsSubsetOf(exported), TimeSpan.FromSeconds(30));

        Assert.All(names, name => Assert.Contains(name, exported));
    }

    // A call of each outcome, an exception, an event published and one consumed, and a poison message retried then dead-lettered.
    private async Task ProduceEveryKindOfMeasurementAsync()
    {
        var clients = _clients.CreateClientWithKey(TestKeys.Legacy);
        var commandes = _commandes.CreateClientWithKey(TestKeys.Legacy);
        Assert.Equal(HttpStatusCode.Created,
            (await commandes.PostAsJsonAsync("/orders/", OrderRequests.Valid(OrderRequests.NewClientId()))).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await clients.PostAsJsonAsync("/customers/", ClientRequests.Valid())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clients.GetAsync("/customers/2147483000")).StatusCode);
        await RawPublisher.PublishAsync(env.Infrastructure.MessagingConnectionString, "client.deleted",
            new { @event = "client_deleted", event_id = Guid.NewGuid(), client_id = 2147483000 });
        await RawPublisher.PublishAsync(env.Infrastructure.MessagingConnectionString, "client.deleted",
            new { @event = "client_deleted", event_id = Guid.NewGuid(), client_id = "pas-un-nombre" });
    }

    private async Task<HashSet<string>> ExportedNamesAsync()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var http in new[] { _clients.CreateClient(), _commandes.CreateClient() })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Metrics);
            names.UnionWith(PrometheusText.Parse(await http.GetStringAsync("/metrics")).Select(sample => sample.Name));
        }

        return names;
    }

    private static JsonElement Dashboard()
    {
        var path = Path.Combine(RepositoryRoot.Path(), "docs", "monitoring", "grafana-dashboard.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    [GeneratedRegex("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{")]
    private static partial Regex MetricName();
}
