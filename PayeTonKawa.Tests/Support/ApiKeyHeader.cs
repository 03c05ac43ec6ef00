using Microsoft.AspNetCore.Mvc.Testing;

namespace PayeTonKawa.Tests.Support;

public static class ApiKeyHeader
{
    /// <summary>Makes <paramref name="client"/> send <paramref name="apiKey"/> in <c>X-API-Key</c> (nothing when null).</summary>
    public static HttpClient WithApiKey(this HttpClient client, string? apiKey)
    {
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }

        return client;
    }

    /// <summary>A client of any in-memory API, including a host derived with <c>WithWebHostBuilder</c>, sending <paramref name="apiKey"/>.</summary>
    public static HttpClient CreateClientWithKey<T>(this WebApplicationFactory<T> factory, string? apiKey)
        where T : class => factory.CreateClient().WithApiKey(apiKey);
}
