using System.Net;
using System.Text;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Defaults;

[Collection(TestCollection.Name)]
public sealed class ErrorConventionsTests(TestEnvironment env)
{
    private readonly HttpClient _http = env.Clients.CreateClient();

    [Fact]
    public async Task An_unknown_route_is_a_french_404_problem()
    {
        await (await _http.GetAsync("/nulle-part")).AssertProblemAsync(HttpStatusCode.NotFound, "Ressource introuvable.");
    }

    [Fact]
    public async Task A_wrong_method_is_a_french_405_problem()
    {
        var response = await _http.PatchAsync("/customers/1", new StringContent("{}", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "Méthode non autorisée pour cette ressource.");
    }

    [Theory]
    [InlineData("{\"nom\": ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("not json at all")]
    [InlineData("{\"nom\": 12, \"prenom\": true}")]
    [InlineData("{\"nom\": {\"nested\": 1}}")]
    public async Task Malformed_json_is_a_422_problem(string json)
    {
        var response = await _http.PostAsync("/customers/", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Données invalides", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_wrongly_typed_field_is_named_in_the_errors()
    {
        var response = await _http.PostAsync("/customers/", new StringContent("{\"nom\": [1]}", Encoding.UTF8, "application/json"));

        await response.AssertValidationErrorAsync("nom");
    }

    [Fact]
    public async Task A_nul_character_is_refused_before_reaching_the_database()
    {
        var json = "{\"nom\":\"Du\\u0000pont\",\"prenom\":\"Jean\",\"email\":\"nul@example.com\",\"mot_de_passe\":\"abcd\"}";

        var response = await _http.PostAsync("/customers/", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertValidationErrorAsync("nom");
    }

    [Fact]
    public async Task A_nul_character_in_a_search_is_harmless()
    {
        var response = await _http.GetAsync("/customers/?q=%00abc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_empty_body_is_a_422_problem()
    {
        var response = await _http.PostAsync("/customers/", new StringContent("", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_non_json_body_is_a_french_415_problem()
    {
        var response = await _http.PostAsync("/customers/", new StringContent("nom=Dupont", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "Type de contenu non pris en charge.");
    }
}
