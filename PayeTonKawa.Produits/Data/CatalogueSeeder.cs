using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Produits.Products;
using PayeTonKawa.ServiceDefaults.Http;

namespace PayeTonKawa.Produits.Data;

/// <summary>
/// Fills an empty catalogue with the demonstration coffees (<c>demo-catalogue.json</c>) in Development, so that a newly started system has something to
/// show and to order. Registered after the migrator, so it runs on an up-to-date schema.
/// </summary>
[ExcludeFromCodeCoverage(Justification = "Development convenience; the tests run in the Testing environment.")]
internal sealed class CatalogueSeeder(IServiceProvider services, TimeProvider clock) : IHostedService
{
    private static readonly JsonSerializerOptions ContractJson = new() { PropertyNamingPolicy = JsonConventions.NamingPolicy };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProduitsDbContext>();
        if (await db.Produits.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        await using var file = typeof(CatalogueSeeder).Assembly.GetManifestResourceStream("demo-catalogue.json")!;
        var catalogue = await JsonSerializer.DeserializeAsync<CreateProductRequest[]>(file, ContractJson, cancellationToken) ?? [];
        db.Produits.AddRange(catalogue.Select(coffee => new Produit
        {
            Nom = coffee.Nom!,
            Description = coffee.Description,
            Prix = coffee.Prix!.Value,
            Stock = coffee.Stock ?? 0,
            Origine = coffee.Origine,
            PoidsKg = coffee.PoidsKg ?? 1.0m,
            DateCreation = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
