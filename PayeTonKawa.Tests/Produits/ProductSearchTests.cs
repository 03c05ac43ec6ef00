using System.Net;
using System.Net.Http.Json;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Produits;

[Collection(TestCollection.Name)]
public sealed class ProductSearchTests(TestEnvironment env)
{
    private readonly HttpClient _http = env.Produits.CreateClient();

    [Fact]
    public async Task Text_search_pages_in_id_order_with_the_total_count()
    {
        var token = ProductRequests.Token();
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync($"Moka {token}");
        }

        var all = await IdsAsync($"/products/?q={token}");
        var response = await _http.GetAsync($"/products?q={token}&skip=1&limit=3");

        var page = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(5, all.Count);
        Assert.Equal(all.Order(), all);
        Assert.Equal(all.Skip(1).Take(3), page.EnumerateArray().Select(produit => produit.GetProperty("id").GetInt32()));
        Assert.Equal("5", response.Headers.GetValues("X-Total-Count").Single());
    }

    [Fact]
    public async Task Text_search_looks_in_the_description_too()
    {
        var token = ProductRequests.Token();
        var id = await CreateAsync("Santos", description: $"Notes de {token.ToUpperInvariant()}");

        Assert.Equal([id], await IdsAsync($"/products/?q={token}"));
    }

    [Fact]
    public async Task Origin_price_range_and_active_filters_combine()
    {
        var token = ProductRequests.Token();
        var cheap = await CreateAsync($"A {token}", prix: 5, origine: "Brésil");
        var middle = await CreateAsync($"B {token}", prix: 15, origine: "Brésil");
        var expensive = await CreateAsync($"C {token}", prix: 50, origine: "Brésil");
        var other = await CreateAsync($"D {token}", prix: 15, origine: "Kenya");
        var withdrawn = await CreateAsync($"E {token}", prix: 15, origine: "Brésil");
        await _http.PutAsJsonAsync($"/products/{withdrawn}", new { actif = false });

        Assert.Equal([cheap, middle, expensive, withdrawn], await IdsAsync($"/products/?q={token}&origine=br%C3%A9sil"));
        Assert.Equal([middle, other, withdrawn], await IdsAsync($"/products/?q={token}&prix_min=15&prix_max=15"));
        Assert.Equal([expensive], await IdsAsync($"/products/?q={token}&prix_min=16"));
        Assert.Equal([cheap], await IdsAsync($"/products/?q={token}&prix_max=14.99"));
        Assert.Equal([middle, other], await IdsAsync($"/products/?q={token}&prix_min=15&prix_max=15&actif=true"));
        Assert.Equal([withdrawn], await IdsAsync($"/products/?q={token}&actif=false"));
    }

    [Theory]
    [InlineData("prix_min=20&prix_max=10", "prix_min")]
    [InlineData("prix_min=-1", "prix_min")]
    [InlineData("prix_max=abc", "prix_max")]
    [InlineData("actif=peut-etre", "actif")]
    [InlineData("skip=-5", "skip")]
    [InlineData("limit=0", "limit")]
    public async Task Invalid_filters_are_422_on_the_parameter(string query, string field)
    {
        await (await _http.GetAsync($"/products/?{query}")).AssertValidationErrorAsync(field);
    }

    [Fact]
    public async Task The_limit_is_capped()
    {
        var response = await _http.GetAsync("/products/?limit=1000000");

        var produits = await response.ReadJsonAsync(HttpStatusCode.OK);
        var total = int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Math.Min(total, 500), produits.GetArrayLength());
    }

    private async Task<int> CreateAsync(string nom, decimal prix = 12.5m, string origine = "Éthiopie", string? description = null)
    {
        var body = ProductRequests.Valid(nom);
        body["prix"] = prix;
        body["origine"] = origine;
        body["description"] = description ?? "Café";
        var produit = await (await _http.PostAsJsonAsync("/products/", body)).ReadJsonAsync(HttpStatusCode.Created);
        return produit.GetProperty("id").GetInt32();
    }

    private async Task<List<int>> IdsAsync(string url)
    {
        var produits = await (await _http.GetAsync(url)).ReadJsonAsync(HttpStatusCode.OK);
        return [.. produits.EnumerateArray().Select(produit => produit.GetProperty("id").GetInt32())];
    }
}
