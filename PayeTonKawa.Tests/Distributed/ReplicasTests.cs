using System.Globalization;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using PayeTonKawa.Tests.Support;
using Xunit.Abstractions;

namespace PayeTonKawa.Tests.Distributed;

/// <summary>
/// Two instances of every API, as real processes behind each API's one port (<c>Api:Replicas=2</c>): they share the
/// work, their consumers and outbox relays never handle or publish anything twice, what one stores the other serves,
/// and killing one during a stream of orders loses nothing.
/// </summary>
[Collection(TestCollection.Name)]
public sealed partial class ReplicasTests(TestEnvironment env, ITestOutputHelper output) : IAsyncLifetime
{
    private ReplicatedSystem _system = null!;

    public async Task InitializeAsync() => _system = new ReplicatedSystem(await env.ReplicatedAppHost);

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("clients", "/customers/?limit=1")]
    [InlineData("produits", "/products/?limit=1")]
    [InlineData("commandes", "/orders/?limit=1")]
    public async Task Requests_on_the_shared_port_are_served_by_both_instances_each_by_one(string api, string path)
    {
        var instances = await _system.InstancesAsync(api);
        var http = _system.Shared(api);
        var requestIds = Enumerable.Range(0, 20).Select(_ => $"spread-{Guid.NewGuid():N}").ToList();

        foreach (var requestId in requestIds)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "X-Request-ID", requestId } } };
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }

        var logs = await _system.LogsAsync(instances, seen => requestIds.All(id => seen.Values.Any(lines => lines.Any(line => Served(line, id)))));
        var servedBy = requestIds.Select(id => logs.Single(instance => instance.Value.Any(line => Served(line, id))).Key).ToList();
        Assert.Equal(instances.Select(instance => instance.ResourceId), servedBy.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Concurrent_orders_are_reserved_once_each_across_the_two_produits_consumers_and_the_stock_is_exact()
    {
        var produitsInstances = await _system.InstancesAsync("produits");
        var flow = new FlowClient(_system.Shared("clients"), _system.Shared("produits"), _system.Shared("commandes"));
        var produit = await flow.CreateProductAsync(stock: 30);
        var clientId = OrderRequests.NewClientId();

        var orders = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => flow.CreateOrderAsync(clientId, (produit, 1))));

        var statuses = await FinalStatusesAsync(flow, orders);
        var validated = orders.Where(order => statuses[order] == "validee").ToList();
        Assert.Equal(30, validated.Count);
        Assert.Equal(10, statuses.Values.Count(statut => statut == "annulee"));
        Assert.Equal(0, await flow.StockAsync(produit));
        var logs = await _system.LogsAsync(produitsInstances, seen => validated.All(order => seen.Values.Any(lines => lines.Any(line => Reserved(line, order)))));
        Assert.All(validated, order => Assert.Equal(1, logs.Values.Sum(lines => lines.Count(line => Reserved(line, order)))));
        Assert.All(produitsInstances, instance => Assert.Contains(logs[instance.ResourceId], line => ReservedLine().IsMatch(line)));
    }

    [Fact]
    public async Task The_outbox_relays_of_both_instances_publish_every_event_exactly_once()
    {
        var instances = await _system.InstancesAsync("produits");
        var messaging = await _system.App.GetConnectionStringAsync("messaging");
        await using var tap = await EventTap.StartAsync(messaging!, "produit.created");
        var flow = new FlowClient(_system.Shared("clients"), _system.Shared("produits"), _system.Shared("commandes"));
        var publishedBefore = await PublishedAsync(instances);

        var produits = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => flow.CreateProductAsync(stock: 100)));

        IEnumerable<TappedMessage> Mine() => tap.Messages.Where(message => produits.Contains(message.Body.GetProperty("produit_id").GetInt32()));
        await Eventually.ReadAsync(() => Task.FromResult(Mine().Count()), count => count >= produits.Length, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3)); // a second publication of an event would arrive within this delay
        var events = Mine().ToList();
        Assert.Equal(produits.Order(), events.Select(message => message.Body.GetProperty("produit_id").GetInt32()).Order());
        Assert.Equal(events.Count, events.Select(message => message.Body.GetProperty("event_id").GetGuid()).Distinct().Count());
        var published = (await PublishedAsync(instances)).Zip(publishedBefore, (after, before) => after - before).ToList();
        Assert.Equal(produits.Length, published.Sum());
        Assert.All(published, count => Assert.True(count > 0, $"each relay published some events: {string.Join(", ", published)}"));
    }

    [Fact]
    public async Task An_image_uploaded_through_one_instance_is_downloaded_through_the_other()
    {
        var instances = await _system.InstancesAsync("produits");
        var flow = new FlowClient(_system.Shared("clients"), _system.Shared("produits"), _system.Shared("commandes"));
        var produit = await flow.CreateProductAsync(stock: 1);
        byte[] image = [.. ImageBytes.Png, .. Guid.NewGuid().ToByteArray()];
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "cafe.png");

        var uploaded = await (await instances[0].Client().PostAsync($"/products/{produit}/image", form)).ReadJsonAsync(HttpStatusCode.OK);

        var url = uploaded.GetProperty("image_url").GetString()!;
        using var other = instances[1].Client();
        Assert.Equal(image, await other.GetByteArrayAsync(url));
        Assert.Equal(image, await other.GetByteArrayAsync($"/products{url}"));
    }

    [Fact]
    public async Task The_login_guessing_counter_is_shared_by_the_instances()
    {
        var instances = await _system.InstancesAsync("clients");
        var flow = new FlowClient(_system.Shared("clients"), _system.Shared("produits"), _system.Shared("commandes"));
        var email = $"partage.{Guid.NewGuid():N}@example.com";
        await (await flow.Clients.PostAsJsonAsync("/customers/", new { nom = "Partage", prenom = "Compteur", email, mot_de_passe = "motdepasse" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var first = instances[0].Client();
        var second = instances[1].Client();

        // Five wrong passwords, alternating between the instances: each one alone has seen fewer than five.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var instance = attempt % 2 == 0 ? first : second;
            Assert.Equal(HttpStatusCode.Unauthorized, (await instance.PostAsJsonAsync("/customers/login", new { email, mot_de_passe = "mauvais" })).StatusCode);
        }

        foreach (var instance in new[] { first, second })
        {
            var refused = await instance.PostAsJsonAsync("/customers/login", new { email, mot_de_passe = "motdepasse" });
            await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.NotNull(refused.Headers.RetryAfter);
        }
    }

    [Fact]
    public async Task Killing_an_instance_of_commandes_and_of_produits_during_a_stream_of_orders_loses_no_order()
    {
        var commandes = await _system.InstancesAsync("commandes");
        var produitsInstances = await _system.InstancesAsync("produits");
        var flow = new FlowClient(_system.Shared("clients"), _system.Shared("produits"), _system.Shared("commandes"));
        const int stock = 1000;
        var produit = await flow.CreateProductAsync(stock);
        var clientId = OrderRequests.NewClientId();
        var accepted = new ConcurrentBag<int>();
        var failures = new ConcurrentBag<string>();
        var sent = 0;

        async Task SendOrdersAsync()
        {
            while (Interlocked.Increment(ref sent) <= 80)
            {
                try
                {
                    var response = await flow.Commandes.PostAsJsonAsync("/orders/", new
                    {
                        client_id = clientId,
                        lignes = new[] { new { produit_id = produit, quantite = 1, prix_unitaire = 10m } },
                    });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        accepted.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
                    }
                    else
                    {
                        failures.Add($"{(int)response.StatusCode}");
                    }
                }
                catch (HttpRequestException exception)
                {
                    failures.Add(exception.Message);
                }
            }
        }

        var stream = Enumerable.Range(0, 4).Select(_ => SendOrdersAsync()).ToList();
        await Eventually.ReadAsync(() => Task.FromResult(accepted.Count), count => count >= 20, TimeSpan.FromSeconds(60));
        ReplicatedSystem.Kill(commandes[0]);
        ReplicatedSystem.Kill(produitsInstances[0]);
        await Task.WhenAll(stream);
        output.WriteLine($"{accepted.Count} orders accepted, {failures.Count} requests failed during the kill: {string.Join(" | ", failures.Distinct())}");

        // Every order that exists (whether or not its client saw the answer) is reserved exactly once.
        var existing = await Eventually.ReadAsync(
            () => OrdersOfAsync(flow, clientId),
            orders => orders.Count > 0 && orders.All(order => order.Statut == "validee"),
            TimeSpan.FromSeconds(90));
        Assert.All(existing, order => Assert.Equal("validee", order.Statut));
        Assert.Subset(existing.Select(order => order.Id).ToHashSet(), accepted.ToHashSet());
        Assert.True(accepted.Count >= 60, $"most orders are accepted, the shared port still serves: {accepted.Count}");
        Assert.Equal(stock - existing.Count, await flow.StockAsync(produit));

        await _system.RestartAsync(commandes[0], "commandes");
        await _system.RestartAsync(produitsInstances[0], "produits");
    }

    private static bool Served(string line, string requestId) =>
        line.Contains(requestId, StringComparison.Ordinal) && line.Contains("RequestTrackingMiddleware", StringComparison.Ordinal);

    // "Stock reserved for 3 order(s): 17,18,21": one line per batch, naming each order it reserved.
    private static bool Reserved(string line, int order) =>
        ReservedLine().Match(line) is { Success: true } match
        && match.Groups["orders"].Value.Split(',').Contains(order.ToString(CultureInfo.InvariantCulture));

    [GeneratedRegex(@"Stock reserved for \d+ order\(s\): (?<orders>[0-9,]+)")]
    private static partial Regex ReservedLine();

    private static async Task<Dictionary<int, string>> FinalStatusesAsync(FlowClient flow, IEnumerable<int> orders)
    {
        var statuses = new Dictionary<int, string>();
        foreach (var order in orders)
        {
            var commande = await Eventually.ReadAsync(
                async () => await (await flow.Commandes.GetAsync($"/orders/{order}")).ReadJsonAsync(HttpStatusCode.OK),
                json => json.GetProperty("statut").GetString() != "en_attente",
                TimeSpan.FromSeconds(60));
            statuses[order] = commande.GetProperty("statut").GetString()!;
        }

        return statuses;
    }

    private static async Task<List<(int Id, string Statut)>> OrdersOfAsync(FlowClient flow, int clientId)
    {
        var orders = await (await flow.Commandes.GetAsync($"/orders/?client_id={clientId}&limit=500")).ReadJsonAsync(HttpStatusCode.OK);
        return [.. orders.EnumerateArray().Select(order => (order.GetProperty("id").GetInt32(), order.GetProperty("statut").GetString()!))];
    }

    private static async Task<List<double>> PublishedAsync(IEnumerable<ApiInstance> instances)
    {
        var counts = new List<double>();
        foreach (var instance in instances)
        {
            using var http = new HttpClient { BaseAddress = instance.Address };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Metrics);
            var samples = PrometheusText.Parse(await http.GetStringAsync("/metrics"));
            counts.Add(samples.Sum("payetonkawa_messages_published_total", ("routing_key", "produit.created")));
        }

        return counts;
    }
}
