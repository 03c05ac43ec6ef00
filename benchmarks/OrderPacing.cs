#:property PublishAot=false
#:property TreatWarningsAsErrors=false
// Sends orders at a steady rate (one line on one product) and waits for every answer. Prints one line:
// "<201 p50 ms> <201 p99 ms> <orders accepted> <failures>". The delay from acceptance to "validee" is read afterwards from
// the database (date_commande -> date_modification), so that measuring it does not load the system it measures:
// polling each order until it is validated cost more than the orders themselves.
// Usage: dotnet run benchmarks/OrderPacing.cs <commandes url> <produit id> [orders per second=50] [seconds=20]
using System.Diagnostics;
using System.Net.Http.Json;

var commandes = new HttpClient { BaseAddress = new Uri(args[0]) };
commandes.DefaultRequestHeaders.Add("X-API-Key", Environment.GetEnvironmentVariable("API_KEY") ?? "secret_key_123");
var produitId = int.Parse(args[1]);
var rate = args.Length > 2 ? int.Parse(args[2]) : 50;
var seconds = args.Length > 3 ? int.Parse(args[3]) : 20;

var delays = new System.Collections.Concurrent.ConcurrentBag<double>();
var failures = 0;
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
        var sent = Stopwatch.StartNew();
        var response = await commandes.PostAsJsonAsync("/orders/", new { client_id = 1, lignes = new[] { new { produit_id = produitId, quantite = 1, prix_unitaire = 1 } } });
        if (response.IsSuccessStatusCode)
        {
            delays.Add(sent.Elapsed.TotalMilliseconds);
        }
        else
        {
            Interlocked.Increment(ref failures);
        }
    }));
}

await Task.WhenAll(orders);
var sorted = delays.Order().ToList();
Console.WriteLine($"{sorted[sorted.Count / 2]:F1} {sorted[(int)(sorted.Count * 0.99)]:F1} {sorted.Count} {failures}");
