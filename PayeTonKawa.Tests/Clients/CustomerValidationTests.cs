using System.Net;
using System.Net.Http.Json;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Clients;

[Collection(TestCollection.Name)]
public sealed class CustomerValidationTests(TestEnvironment env)
{
    private readonly HttpClient _http = env.Clients.CreateClient();

    public static TheoryData<string, object?> InvalidValues => new()
    {
        { "nom", null },
        { "nom", "" },
        { "nom", "D" },
        { "nom", new string('n', 101) },
        { "prenom", null },
        { "prenom", "J" },
        { "prenom", new string('p', 101) },
        { "email", null },
        { "email", "pas-une-adresse" },
        { "email", "jean@" },
        { "email", "jean dupont@example.com" },
        { "email", new string('e', 250) + "@example.com" },
        { "telephone", "612345678" },
        { "telephone", "0012345678" },
        { "telephone", "06123456789" },
        { "telephone", "06-12-34-56" },
        { "adresse", new string('a', 201) },
        { "mot_de_passe", null },
        { "mot_de_passe", "abc" },
        { "mot_de_passe", new string('m', 101) },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task Create_refuses_each_invalid_field_with_422_on_that_field(string field, object? value)
    {
        var body = ClientRequests.Valid();
        body[field] = value;

        var response = await _http.PostAsJsonAsync("/customers/", body);

        var problem = await response.AssertValidationErrorAsync(field);
        Assert.Equal("Les données envoyées sont invalides.", problem.GetProperty("detail").GetString());
        var count = await CountWithEmailAsync((string?)body["email"]);
        Assert.Equal(0, count);
    }

    [Theory]
    [InlineData("nom", "Li")]
    [InlineData("prenom", "Al")]
    [InlineData("telephone", "0199999999")]
    [InlineData("mot_de_passe", "abcd")]
    public async Task Create_accepts_values_on_the_bounds(string field, string value)
    {
        var body = ClientRequests.Valid();
        body[field] = value;

        var response = await _http.PostAsJsonAsync("/customers/", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Create_accepts_the_longest_values()
    {
        var body = ClientRequests.Valid();
        body["nom"] = new string('n', 100);
        body["prenom"] = new string('p', 100);
        body["adresse"] = new string('a', 200);
        body["mot_de_passe"] = new string('m', 100);

        var response = await _http.PostAsJsonAsync("/customers/", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Messages_are_in_french()
    {
        var body = ClientRequests.Valid();
        body["nom"] = "D";
        body["telephone"] = "123";

        var problem = await (await _http.PostAsJsonAsync("/customers/", body)).AssertValidationErrorAsync("nom", "telephone");

        Assert.Contains("caractères", problem.GetProperty("errors").GetProperty("nom")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(
            "Le téléphone doit comporter 10 chiffres et commencer par 0 (par exemple 0612345678).",
            problem.GetProperty("errors").GetProperty("telephone")[0].GetString());
    }

    [Fact]
    public async Task Unicode_names_are_kept_as_sent()
    {
        var body = ClientRequests.Valid(nom: "Œuvre-Ñúñez 日本 ☕");

        var created = await (await _http.PostAsJsonAsync("/customers/", body)).ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal("Œuvre-Ñúñez 日本 ☕", created.GetProperty("nom").GetString());
    }

    private async Task<int> CountWithEmailAsync(string? email)
    {
        if (string.IsNullOrEmpty(email) || email.Length > 254)
        {
            return 0;
        }

        var response = await _http.GetAsync($"/customers/?email={Uri.EscapeDataString(email)}");
        return int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
