using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PayeTonKawa.Produits.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
[ExcludeFromCodeCoverage(Justification = "Used only by the dotnet-ef tooling.")]
internal sealed class ProduitsDbContextFactory : IDesignTimeDbContextFactory<ProduitsDbContext>
{
    public ProduitsDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<ProduitsDbContext>()
            .UseNpgsql("Host=localhost;Database=produitsdb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
