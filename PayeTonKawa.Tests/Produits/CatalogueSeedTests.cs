using System.Net;
using Microsoft.AspNetCore.Hosting;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Produits;

[Collection(TestCollection.Name)]
public sealed class CatalogueSeedTests(TestEnvironment env)
{
    [Fact]
    public async Task Development_starts_with_a_coffee_catalogue_seeded_once()
    {
        var database = env.Infrastructure.DatabaseConnectionString($"produitsdb_seed_{Guid.NewGuid():N}");

        var first = await ListAsync(database);
        var second = await ListAsync(database);

        Assert.InRange(first.Count, 8, 12);
        Assert.Equal(first, second);
        Assert.Contains("Éthiopie", first);
        Assert.Contains("Colombie", first);
        Assert.Contains("Brésil", first);
    }

    [Fact]
    public async Task The_testing_environment_is_not_seeded()
    {
        var database = env.Infrastructure.DatabaseConnectionString($"produitsdb_seed_{Guid.NewGuid():N}");

        Assert.Empty(await ListAsync(database, "Testing"));
    }

    /// <summary>Starts the API on <paramref name="database"/> and lists the origins of its catalogue.</summary>
    private async Task<List<string>> ListAsync(string database, string environment = "Development")
    {
        await using var api = env.Produits.WithWebHostBuilder(builder => builder
            .UseEnvironment(environment)
            .UseSetting("ConnectionStrings:produitsdb", database));
        var http = api.CreateClient();
        http.WithApiKey(TestKeys.Legacy);
        var produits = await (await http.GetAsync("/products/")).ReadJsonAsync(HttpStatusCode.OK);
        return [.. produits.EnumerateArray().Select(produit => produit.GetProperty("origine").GetString()!)];
    }
}
