using System.Net;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Defaults;

[Collection(TestCollection.Name)]
public sealed class PublicEndpointsTests(TestEnvironment env)
{
    public static TheoryData<string, string, string> Services => new()
    {
        { "clients", "api-clients", "Bienvenue sur l'API Clients de PayeTonKawa" },
        { "produits", "api-produits", "Bienvenue sur l'API Produits de PayeTonKawa" },
        { "commandes", "api-commandes", "Bienvenue sur l'API Commandes de PayeTonKawa" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Root_welcomes_without_a_key(string service, string name, string message)
    {
        var body = await (await Anonymous(service).GetAsync("/")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.StartsWith("api-", name, StringComparison.Ordinal);
        Assert.Equal(message, body.GetProperty("message").GetString());
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Health_has_the_legacy_body_without_a_key(string service, string name, string message)
    {
        var body = await (await Anonymous(service).GetAsync("/health")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Contains("PayeTonKawa", message, StringComparison.Ordinal);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(name, body.GetProperty("service").GetString());
        Assert.Equal("connected", body.GetProperty("database").GetString());
        Assert.Equal("1.0.0", body.GetProperty("version").GetString());
        Assert.True(DateTimeOffset.UtcNow - body.GetProperty("timestamp").GetDateTimeOffset() < TimeSpan.FromMinutes(1));
    }

    public static TheoryData<string> Names => new() { "clients", "produits", "commandes" };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Liveness_answers_without_a_key(string service)
    {
        var response = await Anonymous(service).GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task OpenApi_document_and_scalar_page_are_public(string service)
    {
        var http = Anonymous(service);

        var document = await (await http.GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);
        var scalar = await http.GetAsync("/scalar");

        Assert.Equal("apiKey", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("type").GetString());
        Assert.NotEmpty(document.GetProperty("paths").EnumerateObject());
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Equal("text/html", scalar.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_openapi_document_describes_routes_in_french()
    {
        var document = await (await Anonymous("clients").GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);

        var create = document.GetProperty("paths").GetProperty("/customers").GetProperty("post");
        Assert.Equal("Créer un client", create.GetProperty("summary").GetString());
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty("CreateClientRequest");
        Assert.Equal("Dupont", schema.GetProperty("examples")[0].GetProperty("nom").GetString());
        Assert.Equal("Nom de famille, 2 à 100 caractères.", schema.GetProperty("properties").GetProperty("nom").GetProperty("description").GetString());
    }

    private HttpClient Anonymous(string service) => service switch
    {
        "clients" => env.Clients.CreateClient(apiKey: null),
        "produits" => env.Produits.CreateClient(apiKey: null),
        _ => env.Commandes.CreateClient(apiKey: null),
    };
}
