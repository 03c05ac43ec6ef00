using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc.Testing;
using PayeTonKawa.Commandes.Data;

namespace PayeTonKawa.Tests.Support;

/// <summary>
/// The Commandes API the order tests drive: <see cref="TestEnvironment.Commandes"/> on a database and a RabbitMQ virtual
/// host of its own. Otherwise the Produits API, which other tests host in the same run, answers every order created
/// here and validates or cancels it while a test is still looking at it. Here a status changes only when the test
/// changes it (the Flows tests cover the orders that Produits answers).
/// </summary>
internal static class IsolatedCommandesApi
{
    private static readonly ConditionalWeakTable<TestEnvironment, Task<WebApplicationFactory<CommandesDbContext>>> Apis = [];

    /// <summary>Started once per run; disposed with <see cref="TestEnvironment.Commandes"/>, which owns it.</summary>
    public static Task<WebApplicationFactory<CommandesDbContext>> IsolatedCommandesAsync(this TestEnvironment env) =>
        Apis.GetValue(env, StartAsync);

    /// <summary>A client that sends <paramref name="apiKey"/> (the legacy key by default; null for none).</summary>
    public static async Task<HttpClient> IsolatedCommandesClientAsync(this TestEnvironment env, string? apiKey = TestKeys.Legacy) =>
        (await env.IsolatedCommandesAsync()).CreateClientWithKey(apiKey);

    private static async Task<WebApplicationFactory<CommandesDbContext>> StartAsync(TestEnvironment env)
    {
        var name = $"commandes_isolated_{Guid.NewGuid():N}";
        var messaging = await env.Infrastructure.CreateVirtualHostAsync(name);
        return env.Commandes.WithWebHostBuilder(builder => builder
            .UseSetting("ConnectionStrings:commandesdb", env.Infrastructure.DatabaseConnectionString(name))
            .UseSetting("ConnectionStrings:messaging", messaging));
    }
}
