using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PayeTonKawa.Clients.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
[ExcludeFromCodeCoverage(Justification = "Used only by the dotnet-ef tooling.")]
internal sealed class ClientsDbContextFactory : IDesignTimeDbContextFactory<ClientsDbContext>
{
    public ClientsDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<ClientsDbContext>()
            .UseNpgsql("Host=localhost;Database=clientsdb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
