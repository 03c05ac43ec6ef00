using System.Net;
using System.Net.Http.Json;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Clients;

[Collection(TestCollection.Name)]
public sealed class CustomerSecurityTests(TestEnvironment env)
{
    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/customers/" },
        { "GET", "/customers/1" },
        { "POST", "/customers/" },
        { "PUT", "/customers/1" },
        { "DELETE", "/customers/1" },
        { "POST", "/customers/login" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_route_needs_a_key(string method, string path)
    {
        var response = await env.Clients.CreateClient(apiKey: null).SendAsync(Request(method, path));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "API Key manquante");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task An_unknown_key_is_forbidden(string method, string path)
    {
        var response = await env.Clients.CreateClient("not-a-key").SendAsync(Request(method, path));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "API Key invalide");
    }

    [Theory]
    [InlineData("GET", "/customers/")]
    [InlineData("GET", "/customers/1")]
    [InlineData("POST", "/customers/")]
    [InlineData("DELETE", "/customers/1")]
    public async Task The_web_shop_key_cannot_read_or_change_customers(string method, string path)
    {
        var response = await env.Clients.CreateClient(TestKeys.Shop).SendAsync(Request(method, path));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains(TestKeys.ShopName, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "POST" or "PUT" ? JsonContent.Create(new { }) : null,
    };
}
