using Microsoft.AspNetCore.Http;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Security;

[Collection(TestCollection.Name)]
public sealed class ForwardedHeadersTests(TestEnvironment env)
{
    private const string Proxy = "10.9.0.1";

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", Proxy)]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.9.0.0/16")]
    public async Task Behind_a_trusted_proxy_the_forwarded_address_is_the_rate_limited_one(string key, string value)
    {
        await using var factory = env.Clients.WithWebHostBuilder(builder => builder
            .UseSetting(key, value)
            .UseSetting("RateLimiting:PerAddress:PermitLimit", "2")
            .UseSetting("RateLimiting:PerAddress:Window", "00:01:00"));

        var first = await factory.GetFromAsync("/", Proxy, forwardedFor: "203.0.113.1");
        var second = await factory.GetFromAsync("/", Proxy, forwardedFor: "203.0.113.1");
        var third = await factory.GetFromAsync("/", Proxy, forwardedFor: "203.0.113.1");
        var otherClient = await factory.GetFromAsync("/", Proxy, forwardedFor: "203.0.113.2");

        Assert.Equal(StatusCodes.Status200OK, first.Response.StatusCode);
        Assert.Equal("203.0.113.1", first.Connection.RemoteIpAddress?.ToString());
        Assert.Equal(StatusCodes.Status200OK, second.Response.StatusCode);
        Assert.Equal(StatusCodes.Status429TooManyRequests, third.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, otherClient.Response.StatusCode);
    }

    [Fact]
    public async Task Without_a_trusted_proxy_x_forwarded_for_is_ignored()
    {
        await using var factory = env.Clients.WithWebHostBuilder(builder => builder
            .UseSetting("RateLimiting:PerAddress:PermitLimit", "2")
            .UseSetting("RateLimiting:PerAddress:Window", "00:01:00"));

        var first = await factory.GetFromAsync("/", Proxy, forwardedFor: "203.0.113.1");
        var second = await factory.GetFromAsync("/", Proxy, forwardedFor: "203.0.113.2");
        var third = await factory.GetFromAsync("/", Proxy, forwardedFor: "203.0.113.3");

        Assert.Equal(StatusCodes.Status200OK, first.Response.StatusCode);
        Assert.Equal(Proxy, first.Connection.RemoteIpAddress?.ToString());
        Assert.Equal(StatusCodes.Status200OK, second.Response.StatusCode);
        Assert.Equal(StatusCodes.Status429TooManyRequests, third.Response.StatusCode);
    }

    [Fact]
    public async Task An_untrusted_sender_cannot_spoof_its_address_even_with_a_proxy_configured()
    {
        await using var factory = env.Clients.WithWebHostBuilder(builder => builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy));

        var spoofed = await factory.GetFromAsync("/", "10.8.0.1", forwardedFor: "203.0.113.1");

        Assert.Equal("10.8.0.1", spoofed.Connection.RemoteIpAddress?.ToString());
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "pas-une-adresse", "ForwardedHeaders:KnownProxies doit contenir des adresses IP")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99", "ForwardedHeaders:KnownNetworks doit contenir des réseaux")]
    public async Task An_invalid_proxy_stops_the_start_up_with_a_french_message(string key, string value, string message)
    {
        await using var factory = env.Clients.WithWebHostBuilder(builder => builder.UseSetting(key, value));

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(message, exception.ToString(), StringComparison.Ordinal);
    }
}
