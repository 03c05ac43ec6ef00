using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Security;

[Collection(TestCollection.Name)]
public sealed class RateLimitingTests(TestEnvironment env)
{
    private const int Limit = 3;

    [Fact]
    public async Task A_key_over_its_quota_gets_a_french_429_with_retry_after_while_another_key_is_served()
    {
        await using var factory = Limited("PerApiKey");
        var legacy = factory.CreateClientWithKey(TestKeys.Legacy);

        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await legacy.GetAsync("/customers/")).StatusCode);
        }

        var refused = await legacy.GetAsync("/customers/");
        var otherKey = await factory.CreateClientWithKey(TestKeys.Shop).PostAsync("/customers/login", null);

        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests,
            "Trop de requêtes : réessayez après le délai indiqué par l'en-tête Retry-After.");
        Assert.Equal("Trop de requêtes", problem.GetProperty("title").GetString());
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherKey.StatusCode);
    }

    [Fact]
    public async Task The_api_key_quota_counts_per_key_name_not_per_address()
    {
        await using var factory = Limited("PerApiKey");

        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(StatusCodes.Status200OK, (await factory.GetFromAsync("/customers/", $"10.1.0.{i + 1}", apiKey: TestKeys.Legacy)).Response.StatusCode);
        }

        var fromYetAnotherAddress = await factory.GetFromAsync("/customers/", "10.1.0.99", apiKey: TestKeys.Legacy);

        Assert.Equal(StatusCodes.Status429TooManyRequests, fromYetAnotherAddress.Response.StatusCode);
    }

    [Fact]
    public async Task An_address_over_its_quota_gets_429_while_another_address_is_served()
    {
        await using var factory = Limited("PerAddress");

        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(StatusCodes.Status200OK, (await factory.GetFromAsync("/", "10.2.0.1")).Response.StatusCode);
        }

        var refused = await factory.GetFromAsync("/", "10.2.0.1");
        var otherAddress = await factory.GetFromAsync("/", "10.2.0.2");
        var withKey = await factory.GetFromAsync("/customers/", "10.2.0.1", apiKey: TestKeys.Legacy);

        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.True(int.Parse(refused.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(StatusCodes.Status200OK, otherAddress.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, withKey.Response.StatusCode);
    }

    [Fact]
    public async Task An_invalid_key_counts_against_the_address_quota()
    {
        await using var factory = Limited("PerAddress");

        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(StatusCodes.Status403Forbidden, (await factory.GetFromAsync("/customers/", "10.3.0.1", apiKey: "mauvaise-cle")).Response.StatusCode);
        }

        var refused = await factory.GetFromAsync("/customers/", "10.3.0.1", apiKey: "autre-mauvaise-cle");

        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
    }

    [Theory]
    [InlineData("RateLimiting:PerApiKey:PermitLimit", "0", "RateLimiting:PerApiKey est invalide")]
    [InlineData("RateLimiting:PerAddress:Window", "00:00:00", "RateLimiting:PerAddress est invalide")]
    public async Task An_invalid_quota_stops_the_start_up_with_a_french_message(string key, string value, string message)
    {
        await using var factory = env.Clients.WithWebHostBuilder(builder => builder.UseSetting(key, value));

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(message, exception.ToString(), StringComparison.Ordinal);
    }

    private WebApplicationFactory<ClientsDbContext> Limited(string quota) =>
        env.Clients.WithWebHostBuilder(builder => builder
            .UseSetting($"RateLimiting:{quota}:PermitLimit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting($"RateLimiting:{quota}:Window", "00:01:00"));
}
