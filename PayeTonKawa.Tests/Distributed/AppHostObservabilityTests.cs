using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Distributed;

/// <summary>What an administrator sees of the system run by the AppHost: the processes' own stdout, scrapes, queue depths.</summary>
[Collection(TestCollection.Name)]
public sealed class AppHostObservabilityTests(TestEnvironment env) : IAsyncLifetime
{
    private DistributedApplication _app = null!;

    public async Task InitializeAsync() => _app = await env.AppHost;

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_api_process_writes_one_json_object_per_line_on_stdout_carrying_the_request_id()
    {
        var requestId = $"stdout-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/customers/?limit=1")
        {
            Headers = { { "X-API-Key", TestKeys.Legacy }, { "X-Request-ID", requestId } },
        };

        using var response = await _app.CreateHttpClient("clients").SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await StdoutLineAsync("clients", requestId, "RequestTrackingMiddleware");
        Assert.Equal("information", summary.GetProperty("level").GetString());
        Assert.Equal("PayeTonKawa.ServiceDefaults.Telemetry.RequestTrackingMiddleware", summary.GetProperty("category").GetString());
        Assert.Equal(200, summary.GetProperty("attributes").GetProperty("StatusCode").GetInt32());
        Assert.Equal("legacy", summary.GetProperty("attributes").GetProperty("ApiKey").GetString());
        Assert.Matches("^[0-9a-f]{32}$", summary.GetProperty("trace_id").GetString());
        Assert.EndsWith("Z", summary.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_id_of_an_order_reaches_the_log_of_the_reservation_in_produits()
    {
        var produits = _app.CreateHttpClient("produits").WithApiKey(TestKeys.Legacy);
        var produit = await (await produits.PostAsJsonAsync("/products/", new { nom = "Traçabilité", prix = 9.5, stock = 5 }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var requestId = $"order-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders/")
        {
            Headers = { { "X-API-Key", TestKeys.Legacy }, { "X-Request-ID", requestId } },
            Content = JsonContent.Create(new
            {
                client_id = OrderRequests.NewClientId(),
                lignes = new[] { new { produit_id = produit.GetProperty("id").GetInt32(), quantite = 1, prix_unitaire = 9.5m } },
            }),
        };

        var order = await (await _app.CreateHttpClient("commandes").SendAsync(request)).ReadJsonAsync(HttpStatusCode.Created);

        var reserved = await StdoutLineAsync("produits", requestId, "ReserveStockHandler");
        Assert.Equal($"Stock reserved for 1 order(s): {order.GetProperty("id").GetInt32()}", reserved.GetProperty("message").GetString());
        Assert.Matches("^[0-9a-f]{32}$", reserved.GetProperty("trace_id").GetString());
    }

    [Theory]
    [InlineData("clients")]
    [InlineData("produits")]
    [InlineData("commandes")]
    public async Task Each_api_process_serves_prometheus_with_the_key_the_apphost_gave_it(string resource)
    {
        var http = _app.CreateHttpClient(resource);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Metrics);
        (await http.GetAsync("/")).EnsureSuccessStatusCode();

        var samples = PrometheusText.Parse(await http.GetStringAsync("/metrics"));

        Assert.Contains(samples, sample => sample.Name == "target_info" && sample.Has("service_name", resource));
        Assert.Contains(samples, sample => sample.Name == "http_server_request_duration_seconds_count" && sample.Has("http_route", "/"));
    }

    [Fact]
    public async Task The_rabbitmq_management_api_shows_the_depth_of_each_queue()
    {
        using var management = env.Infrastructure.ManagementClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement queue;

        // The node refreshes queue statistics every few seconds: a queue just declared has none yet.
        while (true)
        {
            var queues = await management.GetFromJsonAsync<JsonElement>("queues");
            queue = queues.EnumerateArray().First(entry => entry.GetProperty("name").GetString() == "produits_commande_events");
            if (queue.TryGetProperty("messages", out _) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(500);
        }

        Assert.True(queue.TryGetProperty("messages", out var messages) && messages.GetInt64() >= 0, queue.ToString());
        Assert.True(queue.TryGetProperty("messages_ready", out _), queue.ToString());
        Assert.Equal("quorum", queue.GetProperty("type").GetString());
    }

    private async Task<JsonElement> StdoutLineAsync(string resource, string requestId, string category)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var logs = _app.Services.GetRequiredService<ResourceLoggerService>();
        // Logs are kept per running instance of the resource (its id), not per resource name.
        var instance = await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        await foreach (var batch in logs.WatchAsync(instance.ResourceId).WithCancellation(timeout.Token))
        {
            foreach (var line in batch.Where(line => line.Content.Contains(requestId, StringComparison.Ordinal)))
            {
                // The dashboard may prefix each line with a timestamp; the process wrote the JSON object that follows.
                var json = JsonDocument.Parse(line.Content[line.Content.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
                if (json.GetProperty("category").GetString()!.EndsWith(category, StringComparison.Ordinal))
                {
                    Assert.Equal(requestId, json.GetProperty("request_id").GetString());
                    Assert.False(line.IsErrorMessage);
                    return json;
                }
            }
        }

        throw new TimeoutException($"No {category} line for {requestId} on the stdout of {resource}.");
    }
}
