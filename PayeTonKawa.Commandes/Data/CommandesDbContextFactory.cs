using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PayeTonKawa.Commandes.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
[ExcludeFromCodeCoverage(Justification = "Used only by the dotnet-ef tooling.")]
internal sealed class CommandesDbContextFactory : IDesignTimeDbContextFactory<CommandesDbContext>
{
    public CommandesDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<CommandesDbContext>()
            .UseNpgsql("Host=localhost;Database=commandesdb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
