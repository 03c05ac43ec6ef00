#:property PublishAot=false
#:property TreatWarningsAsErrors=false
// Measures, on a running system (./scripts/run.sh), the delay from POST /orders/ to the order becoming "validee"
// (Commandes outbox -> RabbitMQ -> Produits reservation -> RabbitMQ -> Commandes), and how fast the outbox relay
// publishes a burst of events. Usage: dotnet run benchmarks/OrderLatency.cs [orders=100] [burst=2000]
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

var orders = args.Length > 0 ? int.Parse(args[0]) : 100;
var burst = args.Length > 1 ? int.Parse(args[1]) : 2000;
var key = Environment.GetEnvironmentVariable("API_KEY") ?? "secret_key_123";
HttpClient Api(int port) => new() { BaseAddress = new Uri($"http://localhost:{port}"), DefaultRequestHeaders = { { "X-API-Key", key } } };
var produits = Api(8001);
var commandes = Api(8002);

var produit = await (await produits.PostAsJsonAsync("/products/", new { nom = "Banc d'essai", prix = 1, stock = 1_000_000 }))
    .Content.ReadFromJsonAsync<JsonElement>();
var produitId = produit.GetProperty("id").GetInt32();

var delays = new List<double>();
for (var i = 0; i < orders; i++)
{
    var watch = Stopwatch.StartNew();
    var created = await (await commandes.PostAsJsonAsync("/orders/", new { client_id = 1, lignes = new[] { new { produit_id = produitId, quantite = 1, prix_unitaire = 1 } } }))
        .Content.ReadFromJsonAsync<JsonElement>();
    var id = created.GetProperty("id").GetInt32();
    while ((await commandes.GetFromJsonAsync<JsonElement>($"/orders/{id}")).GetProperty("statut").GetString() != "validee")
    {
        await Task.Delay(2);
    }

    delays.Add(watch.Elapsed.TotalMilliseconds);
}

delays.Sort();
Console.WriteLine($"Commande -> validee sur {orders} commandes : médiane {delays[delays.Count / 2]:F1} ms, p95 {delays[(int)(delays.Count * 0.95)]:F1} ms, pire {delays[^1]:F1} ms");

// Burst: many writes at once, then time until the outbox of Produits is empty again.
var total = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, burst), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
{
    // A fast machine may pass the per-key quota (RateLimiting:PerApiKey, see docs/SECURITE.md): wait as told.
    HttpResponseMessage response;
    while ((response = await produits.PostAsJsonAsync("/products/", new { nom = $"Rafale {i}", prix = 1, stock = 100 }, ct)).StatusCode == HttpStatusCode.TooManyRequests)
    {
        await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
    }

    response.EnsureSuccessStatusCode();
});
var written = total.Elapsed.TotalSeconds;
// Polled with the key: anonymous calls share the much smaller per-address quota.
while ((await produits.GetFromJsonAsync<JsonElement>("/health")).GetProperty("outbox_en_attente").GetInt64() > 0)
{
    await Task.Delay(10);
}

Console.WriteLine($"Rafale de {burst} créations : écrites en {written:F2} s ({burst / written:F0}/s), toutes publiées après {total.Elapsed.TotalSeconds:F2} s ({burst / total.Elapsed.TotalSeconds:F0} événements/s confirmés au moins)");
