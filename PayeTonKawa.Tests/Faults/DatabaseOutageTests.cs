using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.Tests.Support;
using Xunit.Abstractions;

namespace PayeTonKawa.Tests.Faults;

/// <summary>
/// PostgreSQL (the server of the three databases) is stopped for real for longer than any retry budget and than the
/// delivery limit of the queues would allow, while events flow, then started again.
/// </summary>
[Collection(TestCollection.Name)]
[Trait("Category", "Faults")]
public sealed class DatabaseOutageTests(TestEnvironment env, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(75);

    [Fact]
    public async Task A_long_database_outage_answers_503_loses_nothing_applies_everything_once_and_dead_letters_nothing()
    {
        var flow = new FlowClient(env);
        var produit = await flow.CreateProductAsync(stock: 200);
        var clientId = OrderRequests.NewClientId();
        var deadLettersBefore = await SagaState.DeadLettersAsync(flow.Produits, flow.Commandes);

        // Orders whose events are on their way (outbox, queue, stock answer) when the server goes down.
        var before = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => flow.CreateOrderAsync(clientId, (produit, 1))));
        var stopped = new Stopwatch();
        var outageAnswers = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            await env.Infrastructure.StopDatabaseServerAsync();
            stopped.Start();

            // Events that arrive during the outage: their consumer cannot apply them until the server is back.
            var deleted = Enumerable.Range(0, 3).Select(_ => (EventId: Guid.NewGuid(), ProduitId: OrderRequests.NewClientId())).ToList();
            foreach (var (eventId, produitId) in deleted)
            {
                await RawPublisher.PublishAsync(env.Infrastructure.MessagingConnectionString, "produit.deleted",
                    new { event_id = eventId, produit_id = produitId }, eventId.ToString());
            }

            while (stopped.Elapsed < Outage)
            {
                await ProbeAsync(flow, produit, clientId, outageAnswers);
                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            // Far past the delivery limit, each event is still in its consumer's hands: unacknowledged, never given back.
            var held = await UnacknowledgedAsync("commandes_produit_events");
            Assert.True(held >= deleted.Count, $"{held} messages held by the consumer of commandes_produit_events");
            output.WriteLine($"outage {stopped.Elapsed.TotalSeconds:F0} s: {Describe(outageAnswers)}; {held} messages held unacknowledged by the consumer");

            await env.Infrastructure.StartDatabaseServerAsync();
            var restarted = Stopwatch.StartNew();
            await WaitHealthyAsync(env.Clients.CreateClient(), env.Produits.CreateClient(), env.Commandes.CreateClient());
            output.WriteLine($"healthy {restarted.Elapsed.TotalSeconds:F1} s after the server started");

            var commandesDb = SagaState.ConnectionString(env.Commandes.Services, "commandesdb");
            foreach (var (eventId, _) in deleted)
            {
                var processed = await Eventually.ReadAsync(
                    () => SagaState.ProcessedAsync(commandesDb, "commandes_produit_events", eventId), count => count == 1, TimeSpan.FromSeconds(60));
                Assert.Equal(1, processed);
            }
        }
        finally
        {
            // Whatever failed, the server of every other test must run again.
            if (!await IsHealthyAsync(env.Produits.CreateClient()))
            {
                await env.Infrastructure.StartDatabaseServerAsync();
            }
        }

        // Writes are accepted again, and every order, from before and after, is reserved exactly once.
        var after = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => flow.CreateOrderAsync(clientId, (produit, 1))));
        var acknowledged = before.Concat(after).ToList();
        await SagaOutcome.AssertSettledAsync(flow, clientId, produit, 200 - acknowledged.Count, acknowledged, deadLettersBefore, TimeSpan.FromSeconds(90));
        foreach (var (services, name) in new[] { (env.Clients.Services, "clientsdb"), (env.Produits.Services, "produitsdb"), (env.Commandes.Services, "commandesdb") })
        {
            Assert.Equal(0, await Eventually.ReadAsync(() => SagaState.UnsentOutboxAsync(SagaState.ConnectionString(services, name)), count => count == 0, TimeSpan.FromSeconds(30)));
        }
    }

    /// <summary>During the outage: reads and writes get a French 503 with Retry-After, health says 503.</summary>
    private static async Task ProbeAsync(FlowClient flow, int produit, int clientId, Dictionary<string, int> answers)
    {
        var read = await flow.Produits.GetAsync($"/products/{produit}");
        var write = await flow.Commandes.PostAsJsonAsync("/orders/", new
        {
            client_id = clientId,
            lignes = new[] { new { produit_id = produit, quantite = 1, prix_unitaire = 10m } },
        });
        var health = await flow.Clients.GetAsync("/health");
        foreach (var (name, response) in new[] { ("GET /products/{id}", read), ("POST /orders/", write) })
        {
            await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, Messages.Unavailable);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            answers[$"{name} {(int)response.StatusCode}"] = answers.GetValueOrDefault($"{name} {(int)response.StatusCode}") + 1;
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        answers["GET /health 503"] = answers.GetValueOrDefault("GET /health 503") + 1;
    }

    private static async Task WaitHealthyAsync(params HttpClient[] apis)
    {
        foreach (var api in apis)
        {
            Assert.True(await Eventually.ReadAsync(() => IsHealthyAsync(api), healthy => healthy, TimeSpan.FromSeconds(30)));
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient api) => (await api.GetAsync("/health")).StatusCode == HttpStatusCode.OK;

    private async Task<long> UnacknowledgedAsync(string queue)
    {
        using var management = env.Infrastructure.ManagementClient();
        var details = await management.GetFromJsonAsync<System.Text.Json.JsonElement>($"queues/%2F/{queue}");
        return details.GetProperty("messages_unacknowledged").GetInt64();
    }

    private static string Describe(Dictionary<string, int> answers) =>
        string.Join(", ", answers.Select(answer => $"{answer.Key} × {answer.Value}"));
}
