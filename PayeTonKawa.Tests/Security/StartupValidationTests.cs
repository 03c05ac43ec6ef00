using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Security;

[Collection(TestCollection.Name)]
public sealed class StartupValidationTests(TestEnvironment env)
{
    [Theory]
    [InlineData("clients", "clientsdb")]
    [InlineData("clients", "messaging")]
    [InlineData("produits", "produitsdb")]
    [InlineData("commandes", "commandesdb")]
    public async Task A_missing_connection_string_stops_the_start_up_naming_it_in_french(string service, string connectionName)
    {
        var exception = await StartWithAsync(service, builder => builder.UseSetting($"ConnectionStrings:{connectionName}", ""));

        Assert.Contains($"La chaîne de connexion « ConnectionStrings:{connectionName} » est absente ou vide", exception.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clients", "RateLimiting:PerApiKey:PermitLimit", "beaucoup")]
    [InlineData("produits", "RequestLimits:MaxBodyBytes", "1 Mo")]
    [InlineData("commandes", "RateLimiting:PerAddress:Window", "demain")]
    [InlineData("clients", "LoginProtection:Window", "quinze minutes")]
    public async Task A_setting_of_the_wrong_type_stops_the_start_up_naming_it_in_french(string service, string key, string value)
    {
        var exception = await StartWithAsync(service, builder => builder.UseSetting(key, value));

        Assert.Contains($"La valeur de configuration « {key} » n'est pas valide", exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_api_key_at_all_stops_the_start_up_in_french()
    {
        var exception = await StartWithAsync("produits", builder => builder
            .UseSetting("ApiKeys:LegacyKey", "")
            .UseSetting($"ApiKeys:Keys:{TestKeys.ShopName}:Key", "")
            .UseSetting($"ApiKeys:Keys:{TestKeys.MetricsName}:Key", ""));

        Assert.Contains("Aucune clé API n'est configurée : renseignez ApiKeys:LegacyKey", exception.ToString(), StringComparison.Ordinal);
    }

    private Task<Exception> StartWithAsync(string service, Action<IWebHostBuilder> configure) => service switch
    {
        "clients" => StartAsync(env.Clients.WithWebHostBuilder(configure)),
        "produits" => StartAsync(env.Produits.WithWebHostBuilder(configure)),
        _ => StartAsync(env.Commandes.WithWebHostBuilder(configure)),
    };

    private static async Task<Exception> StartAsync<T>(WebApplicationFactory<T> factory)
        where T : class
    {
        await using (factory)
        {
            return Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        }
    }
}
