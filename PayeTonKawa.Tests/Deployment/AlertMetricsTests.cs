using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>Every metric of the APIs that a production alert reads is one they really export on /metrics.</summary>
[Collection(TestCollection.Name)]
public sealed class AlertMetricsTests(TestEnvironment env) : IAsyncLifetime
{
    // A host of this class's own: an instrument of one in-process host stops exporting when another host's is disposed.
    private WebApplicationFactory<CommandesDbContext> _commandes = null!;

    public Task InitializeAsync()
    {
        _commandes = env.Commandes.WithWebHostBuilder(_ => { });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _commandes.DisposeAsync();

    [Fact]
    public async Task Every_api_metric_an_alert_reads_is_exported()
    {
        var names = MonitoringTests.ApiMetricNames();
        Assert.NotEmpty(names);
        // A request for the HTTP histogram; Commandes consumes queues, so it also samples their depths and its outbox.
        var http = _commandes.CreateClientWithKey(TestKeys.Legacy);
        (await http.GetAsync("/orders/")).EnsureSuccessStatusCode();

        var exported = await Eventually.ReadAsync(ExportedNamesAsync, exported => names.IsSubsetOf(exported), TimeSpan.FromSeconds(30));

        Assert.All(names, name => Assert.Contains(name, exported));
    }

    private async Task<HashSet<string>> ExportedNamesAsync()
    {
        var http = _commandes.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Metrics);
        return [.. PrometheusText.Parse(await http.GetStringAsync("/metrics")).Select(sample => sample.Name)];
    }
}
