using System.Net;
using Microsoft.AspNetCore.Hosting;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>An API configured with the production ConfigMap grants the production front ends, and them only.</summary>
[Collection(TestCollection.Name)]
public sealed class ProductionCorsTests(TestEnvironment env)
{
    [Fact]
    public async Task A_preflight_from_each_production_origin_is_granted_and_from_no_other()
    {
        var data = Manifests.Render("production").ConfigMap("payetonkawa-config").Data;
        var origins = data.Where(pair => pair.Key.StartsWith("Cors__AllowedOrigins__", StringComparison.Ordinal)).Select(pair => pair.Value).ToList();
        var others = Manifests.Render("local").ConfigMap("payetonkawa-config").Data.Values.Where(value => value.StartsWith("http", StringComparison.Ordinal))
            .Concat(origins.Select(origin => origin.Replace("https://", "http://", StringComparison.Ordinal)))
            .Append("https://pirate.example")
            .Except(origins)
            .ToList();
        await using var factory = env.Clients.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in data)
            {
                if (key == "ASPNETCORE_ENVIRONMENT")
                {
                    builder.UseEnvironment(value);
                }
                else
                {
                    builder.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
                }
            }
        });
        var http = factory.CreateClient();

        Assert.NotEmpty(origins);
        foreach (var origin in origins)
        {
            var response = await http.SendAsync(Preflight(origin));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal(origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
            Assert.Contains("X-API-Key", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        }

        Assert.NotEmpty(others);
        foreach (var origin in others)
        {
            var response = await http.SendAsync(Preflight(origin));
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), $"{origin} is granted");
        }
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/customers/");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "X-API-Key,Content-Type");
        return request;
    }
}
