using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Produits.Products;

namespace PayeTonKawa.Produits.Data;

/// <summary>
/// Fills an empty catalogue with a few real coffees in Development, so that a newly started system has something to
/// show and to order. Registered after the migrator, so it runs on an up-to-date schema.
/// </summary>
[ExcludeFromCodeCoverage(Justification = "Development convenience; the tests run in the Testing environment.")]
internal sealed class CatalogueSeeder(IServiceProvider services, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProduitsDbContext>();
        if (await db.Produits.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        (string Nom, string Description, decimal Prix, int Stock, string Origine, decimal PoidsKg)[] catalogue =
        [
            ("Moka Sidamo", "Arabica lavé aux notes d'agrumes et de jasmin.", 12.50m, 120, "Éthiopie", 1.0m),
            ("Yirgacheffe", "Torréfaction claire, fleurs blanches et bergamote.", 14.90m, 80, "Éthiopie", 1.0m),
            ("Supremo Huila", "Rond et équilibré, caramel et noisette.", 11.20m, 150, "Colombie", 1.0m),
            ("Santos", "Peu acide, chocolat au lait ; idéal en expresso.", 9.80m, 200, "Brésil", 1.0m),
            ("Tarrazú", "Vif et sucré, pomme rouge et miel.", 13.40m, 60, "Costa Rica", 1.0m),
            ("Antigua", "Corsé, épices douces et cacao.", 12.90m, 70, "Guatemala", 1.0m),
            ("Kenya AA", "Intense, cassis et tomate douce.", 16.50m, 40, "Kenya", 1.0m),
            ("Mandheling", "Terreux et boisé, faible acidité.", 13.90m, 50, "Indonésie", 1.0m),
            ("Blue Mountain", "Rare, très doux et soyeux.", 49.00m, 8, "Jamaïque", 0.5m),
            ("Décaféiné Colombie", "Décaféiné à l'eau, notes de fruits secs.", 10.50m, 90, "Colombie", 1.0m),
        ];
        db.Produits.AddRange(catalogue.Select(coffee => new Produit
        {
            Nom = coffee.Nom,
            Description = coffee.Description,
            Prix = coffee.Prix,
            Stock = coffee.Stock,
            Origine = coffee.Origine,
            PoidsKg = coffee.PoidsKg,
            DateCreation = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
