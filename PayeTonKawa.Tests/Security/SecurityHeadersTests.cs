using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Security;

[Collection(TestCollection.Name)]
public sealed class SecurityHeadersTests(TestEnvironment env)
{
    public static TheoryData<string, string?, HttpStatusCode> Responses => new()
    {
        { "/customers/", TestKeys.Legacy, HttpStatusCode.OK },
        { "/nulle-part", TestKeys.Legacy, HttpStatusCode.NotFound },
        { "/customers/", null, HttpStatusCode.Unauthorized },
        { "/scalar", null, HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_carries_the_security_headers(string path, string? apiKey, HttpStatusCode status)
    {
        var response = await env.Clients.CreateClient(apiKey).GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_problem_written_by_the_exception_handler_keeps_the_security_headers()
    {
        var response = await env.Clients.CreateClient().PostAsync("/customers/", new StringContent("{\"nom\": ", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_outside_development_only()
    {
        await using var production = env.Clients.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        await using var development = env.Clients.WithWebHostBuilder(builder => builder.UseEnvironment("Development"));

        var https = await Https(production).GetAsync("/customers/");
        var invalid = await Https(production).PostAsync("/customers/", new StringContent("{\"nom\": ", Encoding.UTF8, "application/json"));
        var http = await production.CreateClient().GetAsync("/customers/");
        var inDevelopment = await Https(development).GetAsync("/customers/");

        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(https.Headers.GetValues("Strict-Transport-Security")));
        Assert.True(invalid.Headers.Contains("Strict-Transport-Security"));
        Assert.False(http.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.OK, inDevelopment.StatusCode);
        Assert.False(inDevelopment.Headers.Contains("Strict-Transport-Security"));
        AssertSecurityHeaders(inDevelopment);
    }

    private static HttpClient Https(WebApplicationFactory<ClientsDbContext> factory)
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("https://api.payetonkawa.test/") });
        client.WithApiKey(TestKeys.Legacy);
        return client;
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }
}
