#:property PublishAot=false
#:property TreatWarningsAsErrors=false
// Sends orders at a steady rate and measures, for each, the delay from its 201 to "validee" (Commandes outbox ->
// RabbitMQ -> Produits reservation -> RabbitMQ -> Commandes). Prints one line: "p50 p99 count".
// Usage: dotnet run benchmarks/OrderPacing.cs <commandes url> <produit id> [orders per second=50] [seconds=20]
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

var commandes = new HttpClient { BaseAddress = new Uri(args[0]) };
commandes.DefaultRequestHeaders.Add("X-API-Key", Environment.GetEnvironmentVariable("API_KEY") ?? "secret_key_123");
var produitId = int.Parse(args[1]);
var rate = args.Length > 2 ? int.Parse(args[2]) : 50;
var seconds = args.Length > 3 ? int.Parse(args[3]) : 20;

var delays = new System.Collections.Concurrent.ConcurrentBag<double>();
var clock = Stopwatch.StartNew();
var orders = new List<Task>();
for (var i = 0; i < rate * seconds; i++)
{
    var due = TimeSpan.FromSeconds((double)i / rate);
    if (due > clock.Elapsed)
    {
        await Task.Delay(due - clock.Elapsed);
    }

    orders.Add(Task.Run(async () =>
    {
        var response = await commandes.PostAsJsonAsync("/orders/", new { client_id = 1, lignes = new[] { new { produit_id = produitId, quantite = 1, prix_unitaire = 1 } } });
        var accepted = Stopwatch.StartNew();
        var id = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        while ((await commandes.GetFromJsonAsync<JsonElement>($"/orders/{id}")).GetProperty("statut").GetString() == "en_attente")
        {
            await Task.Delay(2);
        }

        delays.Add(accepted.Elapsed.TotalMilliseconds);
    }));
}

await Task.WhenAll(orders);
var sorted = delays.Order().ToList();
Console.WriteLine($"{sorted[sorted.Count / 2]:F1} {sorted[(int)(sorted.Count * 0.99)]:F1} {sorted.Count}");
