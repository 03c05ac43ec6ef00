using System.Net;
using System.Net.Http.Json;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Commandes;

/// <summary>
/// <c>Idempotency-Key</c>: an order sent again with its key (its answer lost) is the same order, created and announced
/// once; a key cannot be reused for another order; without a key nothing changes.
/// </summary>
[Collection(TestCollection.Name)]
public sealed class OrderIdempotencyTests(TestEnvironment env)
{
    private readonly HttpClient _http = env.Commandes.CreateClient();

    [Fact]
    public async Task The_same_order_sent_again_with_its_key_is_the_same_order_created_and_announced_once()
    {
        var clientId = OrderRequests.NewClientId();
        var key = $"commande-{Guid.NewGuid():N}";
        await using var tap = await EventTap.StartAsync(env.Infrastructure.MessagingConnectionString, "commande.created");

        var first = await PostAsync(OrderRequests.Valid(clientId), key);
        var again = await PostAsync(OrderRequests.Valid(clientId), key);

        var created = await first.ReadJsonAsync(HttpStatusCode.Created);
        var replayed = await again.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(created.GetProperty("id").GetInt32(), replayed.GetProperty("id").GetInt32());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Single((await (await _http.GetAsync($"/orders/?client_id={clientId}")).ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray());
        var commandeId = created.GetProperty("id").GetInt32();
        await tap.WaitForAsync("commande.created", body => body.GetProperty("commande_id").GetInt32() == commandeId);
        await Task.Delay(TimeSpan.FromSeconds(1)); // a second announcement would arrive within this delay
        Assert.Single(tap.Messages, message => message.Body.GetProperty("commande_id").GetInt32() == commandeId);
    }

    [Fact]
    public async Task The_same_key_sent_at_once_by_many_requests_creates_one_order()
    {
        var clientId = OrderRequests.NewClientId();
        var key = $"rafale-{Guid.NewGuid():N}";

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(OrderRequests.Valid(clientId), key)));

        var ids = new HashSet<int>();
        foreach (var answer in answers)
        {
            ids.Add((await answer.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32());
        }

        Assert.Single(ids);
        Assert.Single((await (await _http.GetAsync($"/orders/?client_id={clientId}")).ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task A_key_already_used_for_another_order_is_409_and_creates_nothing()
    {
        var clientId = OrderRequests.NewClientId();
        var otherClientId = OrderRequests.NewClientId();
        var key = $"reprise-{Guid.NewGuid():N}";
        await (await PostAsync(OrderRequests.Valid(clientId), key)).ReadJsonAsync(HttpStatusCode.Created);

        var reused = await PostAsync(OrderRequests.Valid(otherClientId), key);

        await reused.AssertProblemAsync(HttpStatusCode.Conflict,
            "Cette clé d'idempotence a déjà servi pour une autre commande (client ou lignes différents) : utilisez une nouvelle clé pour une nouvelle commande.");
        Assert.Empty((await (await _http.GetAsync($"/orders/?client_id={otherClientId}")).ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray());
    }

    [Theory]
    [InlineData("contient des espaces")]
    [InlineData("trop-long-0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task An_invalid_key_is_a_french_400_and_creates_nothing(string key)
    {
        var clientId = OrderRequests.NewClientId();

        var answer = await PostAsync(OrderRequests.Valid(clientId), key);

        await answer.AssertProblemAsync(HttpStatusCode.BadRequest,
            "En-tête Idempotency-Key invalide : 1 à 100 caractères parmi lettres, chiffres, « - », « _ », « . » et « : ».");
        Assert.Empty((await (await _http.GetAsync($"/orders/?client_id={clientId}")).ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray());
    }

    private async Task<HttpResponseMessage> PostAsync(object order, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders/") { Content = JsonContent.Create(order) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await _http.SendAsync(request);
    }
}
