using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Produits;

[Collection(TestCollection.Name)]
public sealed class ProductsApiTests(TestEnvironment env)
{
    private readonly HttpClient _http = env.Produits.CreateClient();

    [Fact]
    public async Task Create_returns_201_with_every_field_and_its_location()
    {
        var body = ProductRequests.Valid();

        var response = await _http.PostAsJsonAsync("/products/", body);

        var produit = await response.ReadJsonAsync(HttpStatusCode.Created);
        var id = produit.GetProperty("id").GetInt32();
        Assert.Equal($"/products/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(
            ["id", "nom", "description", "prix", "stock", "origine", "poids_kg", "image_url", "actif", "date_creation", "date_modification"],
            produit.EnumerateObject().Select(property => property.Name));
        Assert.Equal(body["nom"], produit.GetProperty("nom").GetString());
        Assert.Equal(12.5m, produit.GetProperty("prix").GetDecimal());
        Assert.Equal(50, produit.GetProperty("stock").GetInt32());
        Assert.Equal("Éthiopie", produit.GetProperty("origine").GetString());
        Assert.Equal(1.0m, produit.GetProperty("poids_kg").GetDecimal());
        Assert.True(produit.GetProperty("actif").GetBoolean());
        Assert.Equal(JsonValueKind.Null, produit.GetProperty("image_url").ValueKind);
        Assert.Equal(JsonValueKind.Null, produit.GetProperty("date_modification").ValueKind);
    }

    [Fact]
    public async Task Defaults_apply_to_stock_and_weight_and_actif_is_not_settable_on_create()
    {
        var response = await _http.PostAsJsonAsync("/products/", new { nom = "Santos", prix = 9.8, actif = false });

        var produit = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(0, produit.GetProperty("stock").GetInt32());
        Assert.Equal(1.0m, produit.GetProperty("poids_kg").GetDecimal());
        Assert.True(produit.GetProperty("actif").GetBoolean());
        Assert.Equal(JsonValueKind.Null, produit.GetProperty("description").ValueKind);
        Assert.Equal(JsonValueKind.Null, produit.GetProperty("origine").ValueKind);
    }

    [Fact]
    public async Task Numbers_sent_as_strings_are_accepted_like_the_legacy_api()
    {
        var response = await _http.PostAsJsonAsync("/products/", new { nom = "Kenya AA", prix = "16.50", stock = "4" });

        var produit = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(16.5m, produit.GetProperty("prix").GetDecimal());
        Assert.Equal(4, produit.GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task Get_returns_the_product_and_404_in_french_when_unknown()
    {
        var id = await CreateAsync();

        var found = await (await _http.GetAsync($"/products/{id}")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(id, found.GetProperty("id").GetInt32());
        await (await _http.GetAsync("/products/987654321")).AssertProblemAsync(HttpStatusCode.NotFound, "Produit non trouve");
        await (await _http.GetAsync("/products/abc")).AssertValidationErrorAsync("id");
    }

    [Fact]
    public async Task Update_changes_only_the_fields_sent_and_sets_date_modification()
    {
        var id = await CreateAsync();

        var updated = await (await _http.PutAsJsonAsync($"/products/{id}", new { prix = 13.9, stock = 40 })).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(13.9m, updated.GetProperty("prix").GetDecimal());
        Assert.Equal(40, updated.GetProperty("stock").GetInt32());
        Assert.Equal("Éthiopie", updated.GetProperty("origine").GetString());
        Assert.Equal("Arabica lavé, notes d'agrumes", updated.GetProperty("description").GetString());
        Assert.True(DateTimeOffset.UtcNow - updated.GetProperty("date_modification").GetDateTimeOffset() < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Update_can_withdraw_and_restore_a_product_and_change_every_field()
    {
        var id = await CreateAsync();

        var withdrawn = await (await _http.PutAsJsonAsync($"/products/{id}", new
        {
            nom = "Nouveau nom",
            description = "Nouvelle description",
            origine = "Brésil",
            poids_kg = 0.25,
            image_url = "https://cdn.example.com/cafe.png",
            actif = false,
        })).ReadJsonAsync(HttpStatusCode.OK);
        var restored = await (await _http.PutAsJsonAsync($"/products/{id}", new { actif = true })).ReadJsonAsync(HttpStatusCode.OK);

        Assert.False(withdrawn.GetProperty("actif").GetBoolean());
        Assert.Equal("Nouveau nom", withdrawn.GetProperty("nom").GetString());
        Assert.Equal("Nouvelle description", withdrawn.GetProperty("description").GetString());
        Assert.Equal("Brésil", withdrawn.GetProperty("origine").GetString());
        Assert.Equal(0.25m, withdrawn.GetProperty("poids_kg").GetDecimal());
        Assert.Equal("https://cdn.example.com/cafe.png", withdrawn.GetProperty("image_url").GetString());
        Assert.True(restored.GetProperty("actif").GetBoolean());
        Assert.Equal("Nouveau nom", restored.GetProperty("nom").GetString());
    }

    [Fact]
    public async Task An_empty_update_changes_nothing_but_date_modification()
    {
        var created = await (await _http.PostAsJsonAsync("/products/", ProductRequests.Valid())).ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        var updated = await (await _http.PutAsJsonAsync($"/products/{id}", new { })).ReadJsonAsync(HttpStatusCode.OK);

        foreach (var field in new[] { "nom", "description", "prix", "stock", "origine", "poids_kg", "image_url", "actif", "date_creation" })
        {
            Assert.Equal(created.GetProperty(field).ToString(), updated.GetProperty(field).ToString());
        }

        Assert.NotEqual(JsonValueKind.Null, updated.GetProperty("date_modification").ValueKind);
    }

    [Fact]
    public async Task Blank_optional_texts_are_stored_as_null_and_an_empty_string_clears_them()
    {
        var body = ProductRequests.Valid();
        body["description"] = "  ";
        var created = await (await _http.PostAsJsonAsync("/products/", body)).ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        await _http.PutAsJsonAsync($"/products/{id}", new { image_url = "https://cdn.example.com/a.png" });

        var cleared = await (await _http.PutAsJsonAsync($"/products/{id}", new { origine = "", image_url = "" })).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, created.GetProperty("description").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("origine").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("image_url").ValueKind);
        Assert.Equal(created.GetProperty("nom").GetString(), cleared.GetProperty("nom").GetString());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task An_id_beyond_the_integer_range_is_422_on_id(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/products/99999999999")
        {
            Content = method == "PUT" ? JsonContent.Create(new { prix = 1 }) : null,
        };

        await (await _http.SendAsync(request)).AssertValidationErrorAsync("id");
    }

    [Fact]
    public async Task Both_spellings_of_the_collection_answer()
    {
        var created = await _http.PostAsJsonAsync("/products", ProductRequests.Valid());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/products")).StatusCode);
    }

    [Fact]
    public async Task Update_of_an_unknown_product_is_404_and_an_invalid_one_422_changing_nothing()
    {
        var id = await CreateAsync();

        var unknown = await _http.PutAsJsonAsync("/products/987654321", new { prix = 10 });
        var invalid = await _http.PutAsJsonAsync($"/products/{id}", new { prix = -1, stock = 3 });

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "Produit non trouve");
        await invalid.AssertValidationErrorAsync("prix");
        var unchanged = await (await _http.GetAsync($"/products/{id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(50, unchanged.GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task Delete_returns_204_then_404()
    {
        var id = await CreateAsync();

        var response = await _http.DeleteAsync($"/products/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await (await _http.GetAsync($"/products/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "Produit non trouve");
        await (await _http.DeleteAsync($"/products/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "Produit non trouve");
    }

    [Theory]
    [InlineData("GET", "/products/")]
    [InlineData("GET", "/products/1")]
    [InlineData("POST", "/products/")]
    [InlineData("PUT", "/products/1")]
    [InlineData("DELETE", "/products/1")]
    [InlineData("POST", "/products/1/image")]
    public async Task Every_route_needs_a_valid_key(string method, string path)
    {
        var missing = await env.Produits.CreateClient(apiKey: null).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var invalid = await env.Produits.CreateClient("not-a-key").SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await missing.AssertProblemAsync(HttpStatusCode.Unauthorized, "API Key manquante");
        await invalid.AssertProblemAsync(HttpStatusCode.Forbidden, "API Key invalide");
    }

    [Fact]
    public async Task The_web_shop_key_reads_products_but_cannot_change_them()
    {
        var id = await CreateAsync();
        var shop = env.Produits.CreateClient(TestKeys.Shop);

        var read = await shop.GetAsync($"/products/{id}");
        var list = await shop.GetAsync("/products/?limit=1");
        var create = await shop.PostAsJsonAsync("/products/", ProductRequests.Valid());
        var write = await shop.PutAsJsonAsync($"/products/{id}", new { prix = 1 });
        var delete = await shop.DeleteAsync($"/products/{id}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        await create.AssertProblemAsync(HttpStatusCode.Forbidden, "La clé API « boutique-web » n'a pas la permission d'effectuer cette opération.");
        await write.AssertProblemAsync(HttpStatusCode.Forbidden);
        await delete.AssertProblemAsync(HttpStatusCode.Forbidden);
        var unchanged = await (await _http.GetAsync($"/products/{id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(12.5m, unchanged.GetProperty("prix").GetDecimal());
    }

    private async Task<int> CreateAsync()
    {
        var produit = await (await _http.PostAsJsonAsync("/products/", ProductRequests.Valid())).ReadJsonAsync(HttpStatusCode.Created);
        return produit.GetProperty("id").GetInt32();
    }
}
