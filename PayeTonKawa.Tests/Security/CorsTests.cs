using System.Net;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Security;

[Collection(TestCollection.Name)]
public sealed class CorsTests(TestEnvironment env)
{
    [Theory]
    [InlineData("clients", "/customers/", "http://localhost:3000")]
    [InlineData("clients", "/customers/", "http://localhost:4321")]
    [InlineData("clients", "/customers/", "http://localhost:4322")]
    [InlineData("clients", "/customers/", "http://localhost:5173")]
    [InlineData("produits", "/products/", "http://localhost:4321")]
    [InlineData("produits", "/products/", "http://localhost:4322")]
    [InlineData("produits", "/products/", "http://localhost:3000")]
    [InlineData("commandes", "/orders/", "http://localhost:4321")]
    [InlineData("commandes", "/orders/", "http://localhost:3000")]
    public async Task A_preflight_from_a_front_end_in_development_is_granted(string api, string path, string origin)
    {
        var http = api switch
        {
            "clients" => env.Clients.CreateClient(apiKey: null),
            "produits" => env.Produits.CreateClient(apiKey: null),
            _ => env.Commandes.CreateClient(apiKey: null),
        };

        var response = await http.SendAsync(Preflight(path, origin, "PUT"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("PUT", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        var headers = Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers"));
        Assert.Contains("X-API-Key", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Type", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("X-Request-ID", headers, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://pirate.example")]
    [InlineData("http://localhost:4323")]
    [InlineData("https://localhost:4321")]
    public async Task A_preflight_from_another_origin_gets_no_grant(string origin)
    {
        var response = await env.Clients.CreateClient(apiKey: null).SendAsync(Preflight("/customers/", origin, "GET"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_call_from_an_allowed_origin_exposes_the_paging_and_tracing_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/customers/");
        request.Headers.Add("Origin", "http://localhost:3000");

        var response = await env.Clients.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://localhost:3000", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = Assert.Single(response.Headers.GetValues("Access-Control-Expose-Headers"));
        foreach (var header in new[] { "X-Total-Count", "X-Request-ID", "Location", "Retry-After" })
        {
            Assert.Contains(header, exposed, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_allowed_origins_come_from_configuration()
    {
        await using var factory = env.Clients.WithWebHostBuilder(builder => builder.UseSetting("Cors:AllowedOrigins:0", "https://boutique.payetonkawa.fr"));
        var http = factory.CreateClient();

        var configured = await http.SendAsync(Preflight("/customers/", "https://boutique.payetonkawa.fr", "GET"));
        var legacy = await http.SendAsync(Preflight("/customers/", "http://localhost:3000", "GET"));

        Assert.Equal("https://boutique.payetonkawa.fr", Assert.Single(configured.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(legacy.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("boutique.payetonkawa.fr")]
    [InlineData("https://boutique.payetonkawa.fr/")]
    [InlineData("ftp://boutique.payetonkawa.fr")]
    public async Task An_invalid_origin_stops_the_start_up_with_a_french_message(string origin)
    {
        await using var factory = env.Clients.WithWebHostBuilder(builder => builder.UseSetting("Cors:AllowedOrigins:0", origin));

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => Task.FromResult(factory.CreateClient()));

        Assert.Contains("Cors:AllowedOrigins doit contenir des origines", exception.ToString(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Preflight(string path, string origin, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "x-api-key,content-type,x-request-id");
        return request;
    }
}
