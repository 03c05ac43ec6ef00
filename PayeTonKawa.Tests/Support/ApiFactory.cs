using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PayeTonKawa.Tests.Support;

/// <summary>
/// Hosts one API in memory (so that coverage sees it) against the real PostgreSQL of the test run, in a database of
/// its own. <typeparamref name="TEntryPoint"/> is any public type of the API's assembly (its DbContext):
/// the three APIs all declare a <c>Program</c>, which is ambiguous here.
/// </summary>
public sealed class ApiFactory<TEntryPoint>(
    string connectionName, string connectionString, string messagingConnectionString, Action<IWebHostBuilder>? configure = null)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{connectionName}", connectionString);
        builder.UseSetting("ConnectionStrings:messaging", messagingConnectionString);
        builder.UseSetting("ApiKeys:LegacyKey", TestKeys.Legacy);
        builder.UseSetting($"ApiKeys:Keys:{TestKeys.MetricsName}:Key", TestKeys.Metrics);
        builder.UseSetting($"ApiKeys:Keys:{TestKeys.MetricsName}:Scopes:0", "metrics:read");
        builder.UseSetting($"ApiKeys:Keys:{TestKeys.ShopName}:Key", TestKeys.Shop);
        for (var i = 0; i < TestKeys.ShopScopes.Length; i++)
        {
            builder.UseSetting($"ApiKeys:Keys:{TestKeys.ShopName}:Scopes:{i}", TestKeys.ShopScopes[i]);
        }

        configure?.Invoke(builder);
    }

    /// <summary>A client that sends <paramref name="apiKey"/> (the legacy key by default; null for none).</summary>
    public HttpClient CreateClient(string? apiKey = TestKeys.Legacy) => base.CreateClient().WithApiKey(apiKey);
}
