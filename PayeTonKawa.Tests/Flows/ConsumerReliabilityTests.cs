using System.Net;
using System.Text;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Flows;

[Collection(TestCollection.Name)]
public sealed class ConsumerReliabilityTests(TestEnvironment env)
{
    private readonly FlowClient _flow = new(env);

    [Fact]
    public async Task The_same_event_delivered_twice_has_one_effect()
    {
        var produit = await _flow.CreateProductAsync(stock: 30);
        var created = RawCommandeCreated.For((produit, 4)).Body;

        await RawPublisher.PublishAsync(env.Infrastructure.MessagingConnectionString, "commande.created", created);
        await RawPublisher.PublishAsync(env.Infrastructure.MessagingConnectionString, "commande.created", created);
        await _flow.WaitForStockAsync(produit, 26);
        await Task.Delay(1000);

        Assert.Equal(26, await _flow.StockAsync(produit));
    }

    [Fact]
    public async Task A_message_that_always_fails_is_dead_lettered_after_bounded_retries_while_others_keep_flowing()
    {
        var admin = env.Produits.CreateClient();
        var before = await DeadLettersAsync(admin);
        var poison = new { @event = "commande_created", event_id = Guid.NewGuid(), commande_id = "pas-un-nombre" };

        await RawPublisher.PublishAsync(env.Infrastructure.MessagingConnectionString, "commande.created", poison);
        await RawPublisher.PublishAsync(env.Infrastructure.MessagingConnectionString, "commande.created", Encoding.UTF8.GetBytes("pas du JSON"));
        var produit = await _flow.CreateProductAsync(stock: 10);
        var commandeId = await _flow.CreateOrderAsync(OrderRequests.NewClientId(), (produit, 1));

        await _flow.WaitForOrderAsync(commandeId, "validee");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await DeadLettersAsync(admin) < before + 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(before + 2, await DeadLettersAsync(admin));
    }

    [Fact]
    public async Task Dead_letters_can_be_replayed_into_their_queue()
    {
        var admin = env.Produits.CreateClient();
        await RawPublisher.PublishAsync(env.Infrastructure.MessagingConnectionString, "commande.created", Encoding.UTF8.GetBytes("{}"));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await DeadLettersAsync(admin) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var replay = await (await admin.PostAsync("/admin/dead-letters/produits_commande_events/replay", null)).ReadJsonAsync(HttpStatusCode.OK);
        var unknown = await admin.PostAsync("/admin/dead-letters/inconnue/replay", null);

        Assert.True(replay.GetProperty("replayed").GetInt32() >= 1);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        await (await env.Produits.CreateClient(TestKeys.Shop).GetAsync("/admin/dead-letters/")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private static async Task<long> DeadLettersAsync(HttpClient admin)
    {
        var queues = await (await admin.GetAsync("/admin/dead-letters/")).ReadJsonAsync(HttpStatusCode.OK);
        var queue = queues.EnumerateArray().Single(entry => entry.GetProperty("queue").GetString() == "produits_commande_events");
        return queue.GetProperty("messages").GetInt64();
    }
}
