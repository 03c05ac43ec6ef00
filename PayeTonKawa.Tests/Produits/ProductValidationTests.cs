using System.Net;
using System.Net.Http.Json;
using System.Text;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Produits;

[Collection(TestCollection.Name)]
public sealed class ProductValidationTests(TestEnvironment env)
{
    private readonly HttpClient _http = env.Produits.CreateClient();

    public static TheoryData<string, object?> InvalidValues => new()
    {
        { "nom", null },
        { "nom", "M" },
        { "nom", new string('n', 201) },
        { "description", new string('d', 501) },
        { "prix", null },
        { "prix", 0 },
        { "prix", -3.5 },
        { "prix", 100_000_000 },
        { "prix", 12.345 },
        { "stock", -1 },
        { "origine", new string('o', 101) },
        { "poids_kg", 0 },
        { "poids_kg", -1 },
        { "poids_kg", 0.0001 },
        { "poids_kg", 10_000_000 },
        { "image_url", new string('i', 501) },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task Create_refuses_each_invalid_field_with_422_on_that_field(string field, object? value)
    {
        var token = ProductRequests.Token();
        var body = ProductRequests.Valid($"Moka {token}");
        body["description"] = $"Description {token}";
        body[field] = value;

        var response = await _http.PostAsJsonAsync("/products/", body);

        await response.AssertValidationErrorAsync(field);
        var total = (await _http.GetAsync($"/products/?q={token}")).Headers.GetValues("X-Total-Count").Single();
        Assert.Equal("0", total);
    }

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task Update_refuses_each_invalid_field_with_422_changing_nothing(string field, object? value)
    {
        if (value is null)
        {
            return; // On a PUT, null means "unchanged": covered by the partial update tests.
        }

        var id = await CreateAsync();

        var response = await _http.PutAsJsonAsync($"/products/{id}", new Dictionary<string, object?> { [field] = value, ["actif"] = false });

        await response.AssertValidationErrorAsync(field);
        var produit = await (await _http.GetAsync($"/products/{id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(produit.GetProperty("actif").GetBoolean());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Update_refuses_a_blank_name(string nom)
    {
        var id = await CreateAsync();

        await (await _http.PutAsJsonAsync($"/products/{id}", new { nom })).AssertValidationErrorAsync("nom");
    }

    [Theory]
    [InlineData("nom", "Mo")]
    [InlineData("prix", 0.01)]
    [InlineData("prix", 99999999.99)]
    [InlineData("stock", 0)]
    [InlineData("poids_kg", 0.001)]
    public async Task Create_accepts_values_on_the_bounds(string field, object value)
    {
        var body = ProductRequests.Valid();
        body[field] = value;

        var response = await _http.PostAsJsonAsync("/products/", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Create_accepts_the_longest_texts()
    {
        var body = ProductRequests.Valid(new string('n', 200));
        body["description"] = new string('d', 500);
        body["origine"] = new string('o', 100);
        body["image_url"] = new string('i', 500);

        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync("/products/", body)).StatusCode);
    }

    [Theory]
    [InlineData("{\"nom\":\"Moka\",\"prix\":1e400}")]
    [InlineData("{\"nom\":\"Moka\",\"prix\":12.5,\"stock\":99999999999}")]
    [InlineData("{\"nom\":\"Moka\",\"prix\":\"douze\"}")]
    [InlineData("{\"nom\":[\"Moka\"],\"prix\":12.5}")]
    [InlineData("{\"nom\":\"Moka\",\"prix\":12.5")]
    public async Task Malformed_bodies_are_422_never_500(string json)
    {
        var response = await _http.PostAsync("/products/", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("{\"nom\":\"Mo\\u0000ka\",\"prix\":12.5}")]
    [InlineData("{\"nom\":\"Mo\\ud800ka\",\"prix\":12.5}")]
    public async Task Strings_postgresql_cannot_store_are_422_on_the_field(string json)
    {
        var response = await _http.PostAsync("/products/", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertValidationErrorAsync("nom");
    }

    [Fact]
    public async Task Invalid_utf8_is_422_on_the_field()
    {
        byte[] json = [.. "{\"nom\":\"Mo"u8, 0xFF, 0xFE, .. "ka\",\"prix\":12.5}"u8];
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        await (await _http.PostAsync("/products/", content)).AssertValidationErrorAsync("nom");
    }

    [Theory]
    [InlineData("POST", "/products/", "null")]
    [InlineData("POST", "/products/", "")]
    [InlineData("POST", "/products/", "[]")]
    [InlineData("PUT", "/products/1", "null")]
    [InlineData("PUT", "/products/1", "{\"actif\":\"oui\"}")]
    public async Task Missing_or_wrong_shaped_bodies_are_422(string method, string path, string json)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        await (await _http.SendAsync(request)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var response = await _http.PostAsync("/products/", new StringContent("nom=Moka", Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Unicode_is_kept_as_sent()
    {
        var body = ProductRequests.Valid("Café ☕ 珈琲 Ñandú");

        var produit = await (await _http.PostAsJsonAsync("/products/", body)).ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal("Café ☕ 珈琲 Ñandú", produit.GetProperty("nom").GetString());
    }

    private async Task<int> CreateAsync()
    {
        var produit = await (await _http.PostAsJsonAsync("/products/", ProductRequests.Valid())).ReadJsonAsync(HttpStatusCode.Created);
        return produit.GetProperty("id").GetInt32();
    }
}
