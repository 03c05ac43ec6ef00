using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Messaging;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Flows;

/// <summary>RabbitMQ is stopped for real (the test node's process), then started again.</summary>
[Collection(TestCollection.Name)]
public sealed class BrokerOutageTests(TestEnvironment env)
{
    [Fact]
    public async Task With_rabbitmq_down_writes_succeed_and_every_event_arrives_once_when_it_is_back()
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        await using var tap = await EventTap.StartAsync(
            env.Infrastructure.MessagingConnectionString, $"tap-outage-{token}", "client.created", "produit.created");
        var clients = env.Clients.CreateClient();
        var produits = env.Produits.CreateClient();

        await env.Infrastructure.StopBrokerAsync();
        var slowest = TimeSpan.Zero;
        try
        {
            for (var i = 0; i < 100; i++)
            {
                var watch = Stopwatch.StartNew();
                var client = await clients.PostAsJsonAsync("/customers/", new
                {
                    nom = $"Panne{token}",
                    prenom = "Client",
                    email = $"panne.{token}.{i}@example.com",
                    mot_de_passe = "motdepasse",
                });
                var produit = await produits.PostAsJsonAsync("/products/", new { nom = $"Panne{token} {i}", prix = 5, stock = 1 });
                slowest = Max(slowest, watch.Elapsed / 2);
                Assert.Equal(HttpStatusCode.Created, client.StatusCode);
                Assert.Equal(HttpStatusCode.Created, produit.StatusCode);
            }

            // The backlog gauge is sampled on its own schedule: nothing has probed /health during the outage.
            var metrics = env.Produits.Services.GetRequiredService<MessagingMetrics>();
            var pending = await Eventually.ReadAsync(() => Task.FromResult(metrics.OutboxPending), value => value >= 100, TimeSpan.FromSeconds(15));
            Assert.True(pending >= 100, $"payetonkawa_outbox_pending is {pending}");

            var health = await (await env.Produits.CreateClient(apiKey: null).GetAsync("/health")).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal("disconnected", health.GetProperty("rabbitmq").GetString());
            Assert.True(health.GetProperty("outbox_en_attente").GetInt64() >= 100);
        }
        finally
        {
            await env.Infrastructure.StartBrokerAsync();
        }

        bool Ours(System.Text.Json.JsonElement body) =>
            body.GetProperty("data").GetProperty("nom").GetString()!.StartsWith($"Panne{token}", StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (tap.Messages.Count(message => Ours(message.Body)) < 200 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await Task.Delay(1000);
        var received = tap.Messages.Where(message => Ours(message.Body)).ToList();
        Assert.Equal(200, received.Count);
        Assert.Equal(200, received.Select(message => message.Body.GetProperty("event_id").GetString()).Distinct().Count());
        Assert.Equal(100, received.Count(message => message.RoutingKey == "client.created"));
        Assert.True(slowest < TimeSpan.FromSeconds(2), $"a write took {slowest.TotalMilliseconds} ms while RabbitMQ was down");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
