using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Commandes;

[Collection(TestCollection.Name)]
public sealed class OrdersApiTests(TestEnvironment env) : IAsyncLifetime
{
    private HttpClient _http = null!;

    public async Task InitializeAsync() => _http = await env.IsolatedCommandesClientAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_computes_the_total_and_starts_en_attente()
    {
        var clientId = OrderRequests.NewClientId();

        var response = await _http.PostAsJsonAsync("/orders/", OrderRequests.Valid(clientId));

        var commande = await response.ReadJsonAsync(HttpStatusCode.Created);
        var id = commande.GetProperty("id").GetInt32();
        Assert.Equal($"/orders/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(
            ["id", "client_id", "statut", "motif", "total", "date_commande", "date_modification", "lignes"],
            commande.EnumerateObject().Select(property => property.Name));
        Assert.Equal(clientId, commande.GetProperty("client_id").GetInt32());
        Assert.Equal("en_attente", commande.GetProperty("statut").GetString());
        Assert.Equal(33.0m, commande.GetProperty("total").GetDecimal());
        Assert.True(DateTimeOffset.UtcNow - commande.GetProperty("date_commande").GetDateTimeOffset() < TimeSpan.FromMinutes(1));
        var lignes = commande.GetProperty("lignes").EnumerateArray().ToList();
        Assert.Equal(2, lignes.Count);
        Assert.All(lignes, ligne => Assert.Equal(
            ["id", "commande_id", "produit_id", "quantite", "prix_unitaire"], ligne.EnumerateObject().Select(property => property.Name)));
        Assert.All(lignes, ligne => Assert.Equal(id, ligne.GetProperty("commande_id").GetInt32()));
        Assert.Equal(2, lignes[0].GetProperty("quantite").GetInt32());
        Assert.Equal(12.5m, lignes[0].GetProperty("prix_unitaire").GetDecimal());
    }

    [Fact]
    public async Task Quantity_defaults_to_1_and_a_total_or_status_sent_by_the_caller_is_ignored()
    {
        var body = new { client_id = OrderRequests.NewClientId(), total = 1, statut = "livree", lignes = new[] { new { produit_id = 7, prix_unitaire = 4.25m } } };

        var commande = await (await _http.PostAsJsonAsync("/orders/", body)).ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(4.25m, commande.GetProperty("total").GetDecimal());
        Assert.Equal("en_attente", commande.GetProperty("statut").GetString());
        Assert.Equal(1, commande.GetProperty("lignes")[0].GetProperty("quantite").GetInt32());
    }

    [Fact]
    public async Task Every_answer_prints_the_order_exactly_as_a_later_read_does()
    {
        var body = new
        {
            client_id = OrderRequests.NewClientId(),
            lignes = new object[]
            {
                new { produit_id = 3, quantite = 3, prix_unitaire = 0.10m },
                new { produit_id = 1, quantite = 1, prix_unitaire = 12.50m },
                new { produit_id = 2, prix_unitaire = 8m },
            },
        };

        var created = await (await _http.PostAsJsonAsync("/orders/", body)).ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var read = await (await _http.GetAsync($"/orders/{id}")).ReadJsonAsync(HttpStatusCode.OK);
        var updated = await (await _http.PutAsJsonAsync($"/orders/{id}", new { statut = "annulee" })).ReadJsonAsync(HttpStatusCode.OK);
        var readAgain = await (await _http.GetAsync($"/orders/{id}")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(read.GetRawText(), created.GetRawText());
        Assert.Equal(readAgain.GetRawText(), updated.GetRawText());
        Assert.Equal(20.8m, read.GetProperty("total").GetDecimal());
        Assert.Equal([3, 1, 2], read.GetProperty("lignes").EnumerateArray().Select(ligne => ligne.GetProperty("produit_id").GetInt32()));
        var lineIds = read.GetProperty("lignes").EnumerateArray().Select(ligne => ligne.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(lineIds.Order(), lineIds);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("date_modification").ValueKind);
    }

    [Fact]
    public async Task Get_returns_the_order_with_its_lines_and_404_in_french_when_unknown()
    {
        var id = await CreateAsync(OrderRequests.NewClientId());

        var commande = await (await _http.GetAsync($"/orders/{id}")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, commande.GetProperty("lignes").GetArrayLength());
        await (await _http.GetAsync("/orders/987654321")).AssertProblemAsync(HttpStatusCode.NotFound, "Commande non trouvee");
        await (await _http.GetAsync("/orders/x")).AssertValidationErrorAsync("id");
    }

    [Fact]
    public async Task Orders_of_a_client_are_listed_in_id_order_and_an_unknown_client_has_none()
    {
        var clientId = OrderRequests.NewClientId();
        var first = await CreateAsync(clientId);
        var second = await CreateAsync(clientId);
        await CreateAsync(OrderRequests.NewClientId());

        var response = await _http.GetAsync($"/orders/client/{clientId}");
        var none = await (await _http.GetAsync($"/orders/client/{OrderRequests.NewClientId()}")).ReadJsonAsync(HttpStatusCode.OK);

        var commandes = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([first, second], commandes.EnumerateArray().Select(commande => commande.GetProperty("id").GetInt32()));
        Assert.All(commandes.EnumerateArray(), commande => Assert.Equal(2, commande.GetProperty("lignes").GetArrayLength()));
        Assert.Equal("2", response.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(JsonValueKind.Array, none.ValueKind);
        Assert.Equal(0, none.GetArrayLength());
    }

    [Fact]
    public async Task List_filters_by_client_and_status_pages_and_counts()
    {
        var clientId = OrderRequests.NewClientId();
        var ids = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await CreateAsync(clientId));
        }

        await _http.PutAsJsonAsync($"/orders/{ids[3]}", new { statut = "annulee" });

        var page = await _http.GetAsync($"/orders/?client_id={clientId}&skip=1&limit=2");
        var waiting = await _http.GetAsync($"/orders?client_id={clientId}&statut=en_attente");

        Assert.Equal(ids.Skip(1).Take(2), (await page.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
        Assert.Equal("4", page.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(ids.Take(3), (await waiting.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
        Assert.Equal("3", waiting.Headers.GetValues("X-Total-Count").Single());
    }

    [Fact]
    public async Task The_orders_of_a_client_are_paged_too()
    {
        var clientId = OrderRequests.NewClientId();
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await CreateAsync(clientId));
        }

        var response = await _http.GetAsync($"/orders/client/{clientId}?skip=1&limit=1");

        Assert.Equal([ids[1]], (await response.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
        Assert.Equal("3", response.Headers.GetValues("X-Total-Count").Single());
    }

    [Theory]
    [InlineData("/orders/?statut=perdue", "statut")]
    [InlineData("/orders/?skip=-1", "skip")]
    [InlineData("/orders/?limit=0", "limit")]
    [InlineData("/orders/?client_id=abc", "client_id")]
    [InlineData("/orders/client/1?limit=0", "limit")]
    [InlineData("/orders/client/abc", "client_id")]
    [InlineData("/orders/client/99999999999", "client_id")]
    [InlineData("/orders/?client_id=99999999999", "client_id")]
    [InlineData("/orders/?statut=annul%C3%A9e", "statut")]
    [InlineData("/orders/99999999999", "id")]
    public async Task Invalid_list_parameters_are_422(string url, string field)
    {
        await (await _http.GetAsync(url)).AssertValidationErrorAsync(field);
    }

    [Fact]
    public async Task The_limit_is_capped()
    {
        var response = await _http.GetAsync("/orders/?limit=100000");

        var total = int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Math.Min(total, 500), (await response.ReadJsonAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Delete_returns_204_removes_the_lines_then_404()
    {
        var id = await CreateAsync(OrderRequests.NewClientId());

        var response = await _http.DeleteAsync($"/orders/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await using (var scope = (await env.IsolatedCommandesAsync()).Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommandesDbContext>();
            Assert.Equal(0, await db.Set<LigneCommande>().CountAsync(ligne => ligne.CommandeId == id));
        }

        await (await _http.GetAsync($"/orders/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "Commande non trouvee");
        await (await _http.DeleteAsync($"/orders/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "Commande non trouvee");
    }

    [Theory]
    [InlineData("GET", "/orders/")]
    [InlineData("GET", "/orders/1")]
    [InlineData("GET", "/orders/client/1")]
    [InlineData("POST", "/orders/")]
    [InlineData("PUT", "/orders/1")]
    [InlineData("DELETE", "/orders/1")]
    public async Task Every_route_needs_a_valid_key(string method, string path)
    {
        var missing = await (await env.IsolatedCommandesClientAsync(apiKey: null)).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var invalid = await (await env.IsolatedCommandesClientAsync("not-a-key")).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await missing.AssertProblemAsync(HttpStatusCode.Unauthorized, "API Key manquante");
        await invalid.AssertProblemAsync(HttpStatusCode.Forbidden, "API Key invalide");
    }

    [Fact]
    public async Task The_web_shop_key_creates_and_reads_orders()
    {
        var shop = await env.IsolatedCommandesClientAsync(TestKeys.Shop);

        var created = await (await shop.PostAsJsonAsync("/orders/", OrderRequests.Valid(OrderRequests.NewClientId()))).ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.OK, (await shop.GetAsync($"/orders/{created.GetProperty("id").GetInt32()}")).StatusCode);
    }

    [Theory]
    [InlineData("{\"client_id\":1,\"lignes\":[{\"produit_id\":1,\"prix_unitaire\":1e999}]}")]
    [InlineData("{\"client_id\":99999999999,\"lignes\":[]}")]
    [InlineData("{\"client_id\":\"un\",\"lignes\":[]}")]
    [InlineData("{\"client_id\":1,\"lignes\":{}}")]
    [InlineData("{\"client_id\":1,\"lignes\":[")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"client_id\":1.5,\"lignes\":[]}")]
    [InlineData("{\"client_id\":1,\"lignes\":[1,2]}")]
    [InlineData("{\"client_id\":1,\"lignes\":[{\"produit_id\":1,\"quantite\":99999999999,\"prix_unitaire\":1}]}")]
    [InlineData("{\"client_id\":1,\"lignes\":[{\"produit_id\":1,\"quantite\":\"deux\",\"prix_unitaire\":1}]}")]
    [InlineData("{\"client_id\":1,\"lignes\":[{\"produit_id\":1,\"prix_unitaire\":\"\u00e9\u20ac\ud83d\udca5\"}]}")]
    [InlineData("{\"client_id\":1,\"lignes\":[{\"produit_id\":1,\"prix_unitaire\":79228162514264337593543950336}]}")]
    public async Task Malformed_bodies_are_422_never_500(string json)
    {
        var response = await _http.PostAsync("/orders/", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("{\"statut\":3}")]
    [InlineData("{\"statut\":[\"annulee\"]}")]
    [InlineData("{\"statut\":\"annul\u00e9e \ud83d\udca5\"}")]
    [InlineData("{\"statut\":")]
    [InlineData("null")]
    public async Task Malformed_status_bodies_are_422_never_500(string json)
    {
        var id = await CreateAsync(OrderRequests.NewClientId());

        var response = await _http.PutAsync($"/orders/{id}", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Writes_to_an_overflowing_id_are_422(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/orders/99999999999") { Content = JsonContent.Create(new { statut = "annulee" }) };

        await (await _http.SendAsync(request)).AssertValidationErrorAsync("id");
    }

    private async Task<int> CreateAsync(int clientId)
    {
        var commande = await (await _http.PostAsJsonAsync("/orders/", OrderRequests.Valid(clientId))).ReadJsonAsync(HttpStatusCode.Created);
        return commande.GetProperty("id").GetInt32();
    }
}
