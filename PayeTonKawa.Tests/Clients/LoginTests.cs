using System.Net;
using System.Net.Http.Json;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Clients;

[Collection(TestCollection.Name)]
public sealed class LoginTests(TestEnvironment env)
{
    private readonly HttpClient _http = env.Clients.CreateClient();

    [Fact]
    public async Task Right_password_returns_the_customer_whatever_the_email_case()
    {
        var email = ClientRequests.UniqueEmail("Login");
        await _http.PostAsJsonAsync("/customers/", ClientRequests.Valid(email));

        var response = await _http.PostAsJsonAsync("/customers/login", new { email = email.ToLowerInvariant(), mot_de_passe = "motdepasse" });

        var client = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(email, client.GetProperty("email").GetString());
        Assert.False(client.TryGetProperty("mot_de_passe", out _));
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_401()
    {
        var email = ClientRequests.UniqueEmail();
        await _http.PostAsJsonAsync("/customers/", ClientRequests.Valid(email));

        var wrongPassword = await _http.PostAsJsonAsync("/customers/login", new { email, mot_de_passe = "mauvais" });
        var unknownEmail = await _http.PostAsJsonAsync("/customers/login", new { email = ClientRequests.UniqueEmail(), mot_de_passe = "motdepasse" });

        await wrongPassword.AssertProblemAsync(HttpStatusCode.Unauthorized, "Email ou mot de passe incorrect");
        await unknownEmail.AssertProblemAsync(HttpStatusCode.Unauthorized, "Email ou mot de passe incorrect");
    }

    [Fact]
    public async Task Login_without_credentials_is_422()
    {
        var response = await _http.PostAsJsonAsync("/customers/login", new { email = "" });

        await response.AssertValidationErrorAsync("email", "mot_de_passe");
    }

    [Fact]
    public async Task Login_requires_an_api_key()
    {
        var response = await env.Clients.CreateClient(apiKey: null)
            .PostAsJsonAsync("/customers/login", new { email = "a@b.fr", mot_de_passe = "abcd" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "API Key manquante");
    }

    [Fact]
    public async Task The_web_shop_key_may_log_customers_in()
    {
        var email = ClientRequests.UniqueEmail();
        await _http.PostAsJsonAsync("/customers/", ClientRequests.Valid(email));

        var response = await env.Clients.CreateClient(TestKeys.Shop)
            .PostAsJsonAsync("/customers/login", new { email, mot_de_passe = "motdepasse" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
