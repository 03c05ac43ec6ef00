using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Clients;

[Collection(TestCollection.Name)]
public sealed class CustomersApiTests(TestEnvironment env)
{
    private readonly HttpClient _http = env.Clients.CreateClient();

    [Fact]
    public async Task Create_returns_201_with_the_customer_and_its_location()
    {
        var body = ClientRequests.Valid();

        var response = await _http.PostAsJsonAsync("/customers/", body);

        var client = await response.ReadJsonAsync(HttpStatusCode.Created);
        var id = client.GetProperty("id").GetInt32();
        Assert.Equal($"/customers/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Dupont", client.GetProperty("nom").GetString());
        Assert.Equal("Jean", client.GetProperty("prenom").GetString());
        Assert.Equal(body["email"], client.GetProperty("email").GetString());
        Assert.Equal("0612345678", client.GetProperty("telephone").GetString());
        Assert.Equal("12 rue du Café, 75001 Paris", client.GetProperty("adresse").GetString());
        Assert.True(client.GetProperty("actif").GetBoolean());
        Assert.True(DateTimeOffset.UtcNow - client.GetProperty("created_at").GetDateTimeOffset() < TimeSpan.FromMinutes(1));
        Assert.Equal(
            ["id", "nom", "prenom", "email", "telephone", "adresse", "actif", "created_at"],
            client.EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public async Task Optional_fields_are_present_as_null_when_not_sent()
    {
        var body = ClientRequests.Valid();
        body.Remove("telephone");
        body.Remove("adresse");

        var client = await (await _http.PostAsJsonAsync("/customers/", body)).ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(JsonValueKind.Null, client.GetProperty("telephone").ValueKind);
        Assert.Equal(JsonValueKind.Null, client.GetProperty("adresse").ValueKind);
    }

    [Fact]
    public async Task A_blank_telephone_or_address_clears_it_while_an_absent_one_is_kept()
    {
        var created = await (await _http.PostAsJsonAsync("/customers/", ClientRequests.Valid())).ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        var kept = await (await _http.PutAsJsonAsync($"/customers/{id}", new { nom = "Martin" })).ReadJsonAsync(HttpStatusCode.OK);
        var cleared = await (await _http.PutAsJsonAsync($"/customers/{id}", new { telephone = "", adresse = "  " })).ReadJsonAsync(HttpStatusCode.OK);
        var reread = await (await _http.GetAsync($"/customers/{id}")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("0612345678", kept.GetProperty("telephone").GetString());
        Assert.Equal("12 rue du Café, 75001 Paris", kept.GetProperty("adresse").GetString());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("telephone").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("adresse").ValueKind);
        Assert.Equal(JsonValueKind.Null, reread.GetProperty("telephone").ValueKind);
        Assert.Equal("Martin", reread.GetProperty("nom").GetString());
    }

    [Fact]
    public async Task A_blank_telephone_at_creation_means_none()
    {
        var body = ClientRequests.Valid();
        body["telephone"] = "";
        body["adresse"] = "";

        var created = await (await _http.PostAsJsonAsync("/customers/", body)).ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(JsonValueKind.Null, created.GetProperty("telephone").ValueKind);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("adresse").ValueKind);
    }

    [Fact]
    public async Task The_password_is_never_returned()
    {
        var response = await _http.PostAsJsonAsync("/customers/", ClientRequests.Valid());
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain("mot_de_passe", text, StringComparison.Ordinal);
        Assert.DoesNotContain("motdepasse", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_returns_the_customer_and_404_in_french_when_unknown()
    {
        var created = await CreateAsync();

        var found = await (await _http.GetAsync($"/customers/{created.Id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(created.Email, found.GetProperty("email").GetString());

        await (await _http.GetAsync("/customers/987654321")).AssertProblemAsync(HttpStatusCode.NotFound, "Client non trouvé");
    }

    [Theory]
    [InlineData("/customers/abc")]
    [InlineData("/customers/99999999999999")]
    public async Task A_malformed_id_is_a_422_not_a_500(string path)
    {
        var response = await _http.GetAsync(path);

        await response.AssertValidationErrorAsync("id");
    }

    [Fact]
    public async Task Duplicate_email_is_refused_with_409_whatever_its_case()
    {
        var email = ClientRequests.UniqueEmail("Duplicate");
        await CreateAsync(email);

        var response = await _http.PostAsJsonAsync("/customers/", ClientRequests.Valid(email.ToUpperInvariant()));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "Email déjà utilisé");
    }

    [Fact]
    public async Task Concurrent_creations_with_one_email_give_one_201_and_409s_never_a_500()
    {
        var email = ClientRequests.UniqueEmail("race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _http.PostAsJsonAsync("/customers/", ClientRequests.Valid(email))));

        Assert.Single(responses, response => response.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(response => response.StatusCode != HttpStatusCode.Created),
            response => Assert.Equal(HttpStatusCode.Conflict, response.StatusCode));
    }

    [Fact]
    public async Task Update_changes_only_the_fields_sent()
    {
        var created = await CreateAsync();

        var response = await _http.PutAsJsonAsync($"/customers/{created.Id}", new { adresse = "1 place du Marché, Lyon" });

        var updated = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("1 place du Marché, Lyon", updated.GetProperty("adresse").GetString());
        Assert.Equal("Dupont", updated.GetProperty("nom").GetString());
        Assert.Equal(created.Email, updated.GetProperty("email").GetString());
        Assert.Equal("0612345678", updated.GetProperty("telephone").GetString());

        var reread = await (await _http.GetAsync($"/customers/{created.Id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("1 place du Marché, Lyon", reread.GetProperty("adresse").GetString());
    }

    [Fact]
    public async Task Update_can_change_every_field_including_the_password()
    {
        var created = await CreateAsync();
        var email = ClientRequests.UniqueEmail("nouveau");

        var response = await _http.PutAsJsonAsync($"/customers/{created.Id}", new
        {
            nom = "Martin",
            prenom = "Claire",
            email,
            telephone = "0798765432",
            adresse = "Bordeaux",
            mot_de_passe = "nouveau-secret",
        });

        var updated = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Martin", updated.GetProperty("nom").GetString());
        Assert.Equal("Claire", updated.GetProperty("prenom").GetString());
        Assert.Equal(email, updated.GetProperty("email").GetString());
        Assert.Equal("0798765432", updated.GetProperty("telephone").GetString());
        await (await LoginAsync(email, "nouveau-secret")).ReadJsonAsync(HttpStatusCode.OK);
        await (await LoginAsync(email, "motdepasse")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Update_to_an_email_already_used_is_409_and_changes_nothing()
    {
        var first = await CreateAsync();
        var second = await CreateAsync();

        var response = await _http.PutAsJsonAsync($"/customers/{second.Id}", new { email = first.Email.ToUpperInvariant(), nom = "Changé" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "Email déjà utilisé");
        var unchanged = await (await _http.GetAsync($"/customers/{second.Id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(second.Email, unchanged.GetProperty("email").GetString());
        Assert.Equal("Dupont", unchanged.GetProperty("nom").GetString());
    }

    [Fact]
    public async Task Update_keeping_its_own_email_in_another_case_is_allowed()
    {
        var created = await CreateAsync();

        var response = await _http.PutAsJsonAsync($"/customers/{created.Id}", new { email = created.Email.ToUpperInvariant() });

        var updated = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(created.Email.ToUpperInvariant(), updated.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Update_of_an_unknown_customer_is_404()
    {
        var response = await _http.PutAsJsonAsync("/customers/987654321", new { nom = "Inconnu" });

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Client non trouvé");
    }

    [Fact]
    public async Task Invalid_update_is_422_and_changes_nothing()
    {
        var created = await CreateAsync();

        var response = await _http.PutAsJsonAsync($"/customers/{created.Id}", new { nom = "X", telephone = "12", adresse = "ok" });

        await response.AssertValidationErrorAsync("nom", "telephone");
        var unchanged = await (await _http.GetAsync($"/customers/{created.Id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("12 rue du Café, 75001 Paris", unchanged.GetProperty("adresse").GetString());
    }

    [Fact]
    public async Task Delete_returns_204_with_an_empty_body_then_404()
    {
        var created = await CreateAsync();

        var response = await _http.DeleteAsync($"/customers/{created.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await (await _http.GetAsync($"/customers/{created.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "Client non trouvé");
        await (await _http.DeleteAsync($"/customers/{created.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "Client non trouvé");
    }

    private async Task<(int Id, string Email)> CreateAsync(string? email = null, string nom = "Dupont")
    {
        var body = ClientRequests.Valid(email, nom);
        var client = await (await _http.PostAsJsonAsync("/customers/", body)).ReadJsonAsync(HttpStatusCode.Created);
        return (client.GetProperty("id").GetInt32(), (string)body["email"]!);
    }

    private Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        _http.PostAsJsonAsync("/customers/login", new { email, mot_de_passe = password });
}
