using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Tests.Support;
using RabbitMQ.Client;

namespace PayeTonKawa.Tests.Observability;

/// <summary>
/// The statistics the administrators asked for, as Prometheus scrapes them from <c>/metrics</c>: calls by route and
/// status code with their durations, exceptions, and messages per queue. The endpoint needs the <c>metrics:read</c> scope.
/// </summary>
/// <remarks>
/// Each test scrapes hosts of its own: in this process many API hosts come and go, and OpenTelemetry stops exporting an
/// instrument of a given name once another host's instrument of that name is disposed (one host per process in production).
/// </remarks>
[Collection(TestCollection.Name)]
public sealed class MetricsEndpointTests(TestEnvironment env) : IAsyncLifetime
{
    private const string Requests = "http_server_request_duration_seconds_count";

    private WebApplicationFactory<ClientsDbContext> _clients = null!;
    private WebApplicationFactory<CommandesDbContext> _commandes = null!;

    public Task InitializeAsync()
    {
        _clients = env.Clients.WithWebHostBuilder(_ => { });
        _commandes = env.Commandes.WithWebHostBuilder(_ => { });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _clients.DisposeAsync();
        await _commandes.DisposeAsync();
    }

    [Fact]
    public async Task The_scrape_endpoint_is_not_public()
    {
        var anonymous = Anonymous(_clients);

        using var missing = await anonymous.GetAsync("/metrics");
        using var withoutScope = await _clients.CreateClientWithKey(TestKeys.Shop).GetAsync("/metrics");
        using var unknown = await Scraper("not-a-key").GetAsync("/metrics");

        await missing.AssertProblemAsync(HttpStatusCode.Unauthorized, "API Key manquante");
        await withoutScope.AssertProblemAsync(HttpStatusCode.Forbidden);
        await unknown.AssertProblemAsync(HttpStatusCode.Forbidden, "API Key invalide");
    }

    [Fact]
    public async Task After_calls_with_known_outcomes_the_scrape_reports_exactly_those_counts_by_route_and_status()
    {
        var http = _clients.CreateClientWithKey(TestKeys.Legacy);
        var created = await (await http.PostAsJsonAsync("/customers/", ClientRequests.Valid())).ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var before = await ScrapeAsync(Anonymous(_clients));

        for (var i = 0; i < 3; i++)
        {
            (await http.GetAsync($"/customers/{id}")).EnsureSuccessStatusCode();
        }

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/customers/2147483000")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await http.PostAsJsonAsync("/customers/", new { nom = "" })).StatusCode);

        var expected = new (string Method, string Route, string Status, double Count)[]
        {
            ("GET", "/customers/{id}", "200", 3),
            ("GET", "/customers/{id}", "404", 2),
            ("POST", "/customers/", "422", 1),
        };
        var after = await WaitForAsync(Anonymous(_clients), samples =>
            expected.All(call => Delta(before, samples, call.Method, call.Route, call.Status) >= call.Count));
        Assert.All(expected, call => Assert.Equal(call.Count, Delta(before, after, call.Method, call.Route, call.Status)));
        Assert.Contains(after, sample => sample.Name == "http_server_request_duration_seconds_bucket"
            && sample.Has("http_route", "/customers/{id}") && sample.Has("le", "+Inf"));
        Assert.True(after.Sum("http_server_request_duration_seconds_sum", ("http_route", "/customers/{id}")) > 0);
    }

    [Fact]
    public async Task Published_and_consumed_counts_per_queue_move_as_events_flow()
    {
        var clients = _clients.CreateClientWithKey(TestKeys.Legacy);
        _commandes.CreateClient(); // the consumer of client.deleted runs in the Commandes host
        var created = await (await clients.PostAsJsonAsync("/customers/", ClientRequests.Valid())).ReadJsonAsync(HttpStatusCode.Created);
        var before = await ScrapeAsync(Anonymous(_commandes));

        (await clients.DeleteAsync($"/customers/{created.GetProperty("id").GetInt32()}")).EnsureSuccessStatusCode();

        var after = await WaitForAsync(Anonymous(_commandes), samples =>
            Moved(before, samples, "payetonkawa_messages_consumed_total", ("queue", "commandes_client_events"), ("routing_key", "client.deleted")));
        Assert.True(Moved(before, after, "payetonkawa_messages_published_total", ("routing_key", "client.deleted")));
    }

    [Fact]
    public async Task Queue_depths_are_reported_as_rabbitmq_counts_them()
    {
        const string queue = "commandes_client_events.dlq";
        _commandes.CreateClient();
        await using var connection = await new ConnectionFactory { Uri = new Uri(env.Infrastructure.MessagingConnectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, "{}"u8.ToArray());
        uint depth;
        while ((depth = (await channel.QueueDeclarePassiveAsync(queue)).MessageCount) == 0)
        {
            await Task.Delay(50);
        }

        var samples = await WaitForAsync(Anonymous(_commandes),
            scraped => scraped.Sum("payetonkawa_queue_messages", ("queue", queue)) == depth, TimeSpan.FromSeconds(20));

        Assert.Equal(depth, samples.Sum("payetonkawa_queue_messages", ("queue", queue)));
        Assert.Contains(samples, sample => sample.Name == "payetonkawa_queue_messages" && sample.Has("queue", "commandes_client_events"));
        await channel.QueuePurgeAsync(queue);
    }

    private static HttpClient Anonymous<T>(WebApplicationFactory<T> api)
        where T : class => api.CreateClient();

    private HttpClient Scraper(string key)
    {
        var client = Anonymous(_clients);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization ??= new AuthenticationHeaderValue("Bearer", TestKeys.Metrics);
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    // The exporter caches a scrape for a moment, and a request is counted once its response is complete: poll.
    private static Task<IReadOnlyList<PrometheusSample>> WaitForAsync(
        HttpClient client, Func<IReadOnlyList<PrometheusSample>, bool> condition, TimeSpan? timeout = null) =>
        Eventually.ReadAsync(() => ScrapeAsync(client), condition, timeout);

    private static double Delta(
        IReadOnlyList<PrometheusSample> before, IReadOnlyList<PrometheusSample> after, string method, string route, string status)
    {
        (string, string)[] labels = [("http_request_method", method), ("http_route", route), ("http_response_status_code", status)];
        return after.Sum(Requests, labels) - before.Sum(Requests, labels);
    }

    private static bool Moved(
        IReadOnlyList<PrometheusSample> before, IReadOnlyList<PrometheusSample> after, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) > before.Sum(name, labels);
}
