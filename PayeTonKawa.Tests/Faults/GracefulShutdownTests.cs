using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using PayeTonKawa.Tests.Support;
using Xunit.Abstractions;

namespace PayeTonKawa.Tests.Faults;

/// <summary>
/// What a rolling update does to each API: the process is asked to stop (SIGTERM) during a stream of writes (orders for
/// Commandes and Produits, customer creations for Clients), exits, and a new one starts. The APIs are the AppHost's real
/// processes.
/// </summary>
[Collection(TestCollection.Name)]
[Trait("Category", "Faults")]
public sealed class GracefulShutdownTests(TestEnvironment env, ITestOutputHelper output)
{
    [Fact]
    public async Task Stopping_commandes_then_produits_during_a_stream_of_orders_fails_nothing_unsafely_and_loses_or_repeats_nothing()
    {
        const int stock = 500;
        const int orders = 80;
        var app = await env.AppHost;
        var system = new ReplicatedSystem(app, replicas: 1);
        var flow = new FlowClient(system.Shared("clients"), system.Shared("produits"), system.Shared("commandes"));
        var produit = await flow.CreateProductAsync(stock);
        var clientId = OrderRequests.NewClientId();
        var commandesDb = (await app.GetConnectionStringAsync("commandesdb"))!;
        var produitsDb = (await app.GetConnectionStringAsync("produitsdb"))!;
        var deadLettersBefore = await SagaState.DeadLettersAsync(flow.Produits, flow.Commandes);
        var stream = WriteStream.Orders(flow.Commandes, clientId, produit);

        var sending = stream.RunAsync(orders, workers: 3, pace: TimeSpan.FromMilliseconds(100));
        foreach (var (api, after) in new[] { ("commandes", 15), ("produits", 40) })
        {
            await Eventually.ReadAsync(() => Task.FromResult(stream.Accepted.Count), count => count >= after, TimeSpan.FromSeconds(90));
            var instance = (await system.InstancesAsync(api)).Single();
            try
            {
                var exit = await ReplicatedSystem.TerminateAsync(instance);
                output.WriteLine($"{api}: exited {exit.TotalSeconds:F1} s after SIGTERM");
                Assert.True(exit < PayeTonKawa.ServiceDefaults.Extensions.ShutdownTimeout, $"{api} took {exit.TotalSeconds:F1} s to stop");

                // The relay's last pass published what the drained requests and handlers wrote before the process ended.
                Assert.Equal(0, await SagaState.UnsentOutboxAsync(api == "commandes" ? commandesDb : produitsDb));
            }
            finally
            {
                // The AppHost is shared with other tests: the API runs again whatever happened here.
                await system.RestartAsync(instance, api);
            }
        }

        await sending;
        output.WriteLine($"{stream.Requests} requests for {orders} orders: {stream.Summary}");
        Assert.Equal(orders, stream.Accepted.Count);
        var (_, _, checkedOrders) = await SagaOutcome.AssertSettledAsync(flow, clientId, produit, stock - orders, stream.Accepted, deadLettersBefore, TimeSpan.FromSeconds(90));
        Assert.Equal(0, await SagaState.UnsentOutboxAsync(commandesDb));
        Assert.Equal(0, await SagaState.UnsentOutboxAsync(produitsDb));
        Assert.True(checkedOrders >= orders, $"{checkedOrders} orders checked");
        Assert.Equal(HttpStatusCode.OK, (await flow.Commandes.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Stopping_clients_during_a_stream_of_customer_creations_publishes_every_event_once_and_repeats_nothing()
    {
        const int customers = 40;
        var app = await env.AppHost;
        var system = new ReplicatedSystem(app, replicas: 1);
        var clients = system.Shared("clients");
        var token = Guid.NewGuid().ToString("N")[..10];
        await using var tap = await EventTap.StartAsync((await app.GetConnectionStringAsync("messaging"))!, "client.created");
        var answers = new System.Collections.Concurrent.ConcurrentBag<string>();
        var created = 0;
        var next = 0;

        async Task CreateAsync()
        {
            for (var i = Interlocked.Increment(ref next); i <= customers; i = Interlocked.Increment(ref next))
            {
                var email = $"arret.{token}.{i}@example.com";
                var failedBefore = false;
                while (true)
                {
                    string answer;
                    try
                    {
                        using var response = await clients.PostAsJsonAsync("/customers/", new { nom = $"Arret{token}", prenom = "Client", email, mot_de_passe = "motdepasse" });
                        answer = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
                    {
                        answer = "transport";
                    }

                    answers.Add(answer);
                    // A 409 can only mean that an attempt whose answer was lost did create the customer.
                    if (answer == "201" || (answer == "409" && failedBefore))
                    {
                        Interlocked.Increment(ref created);
                        break;
                    }

                    Assert.True(answer is "502" or "503" or "transport", $"a creation got an answer a client cannot retry safely: {answer}");
                    failedBefore = true;
                    await Task.Delay(250);
                }

                await Task.Delay(100);
            }
        }

        var sending = Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(CreateAsync)));
        await Eventually.ReadAsync(() => Task.FromResult(Volatile.Read(ref created)), count => count >= 10, TimeSpan.FromSeconds(90));
        var instance = (await system.InstancesAsync("clients")).Single();
        try
        {
            var exit = await ReplicatedSystem.TerminateAsync(instance);
            output.WriteLine($"clients: exited {exit.TotalSeconds:F1} s after SIGTERM");
            Assert.True(exit < PayeTonKawa.ServiceDefaults.Extensions.ShutdownTimeout, $"clients took {exit.TotalSeconds:F1} s to stop");
            Assert.Equal(0, await SagaState.UnsentOutboxAsync((await app.GetConnectionStringAsync("clientsdb"))!));
        }
        finally
        {
            await system.RestartAsync(instance, "clients");
        }

        await sending;
        output.WriteLine($"{answers.Count} requests for {customers} customers: {string.Join(", ", answers.GroupBy(answer => answer).OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => $"{group.Key}: {group.Count()}"))}");
        var stored = await (await clients.GetAsync($"/customers/?q=Arret{token}&limit=100")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(customers, stored.GetArrayLength());
        Assert.Equal(customers, stored.EnumerateArray().Select(customer => customer.GetProperty("email").GetString()).Distinct().Count());
        // The system is shared with other tests: a message on this key need not have the shape of a client.created.
        bool Ours(TappedMessage message) =>
            message.Body.TryGetProperty("data", out var data) && data.TryGetProperty("nom", out var nom) && nom.GetString() == $"Arret{token}";
        await Eventually.ReadAsync(() => Task.FromResult(tap.Messages.Count(Ours)), count => count >= customers, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2)); // a second publication would arrive within this delay
        var events = tap.Messages.Where(Ours).ToList();
        Assert.Equal(customers, events.Count);
        Assert.Equal(customers, events.Select(message => message.Body.GetProperty("event_id").GetString()).Distinct().Count());
    }
}
