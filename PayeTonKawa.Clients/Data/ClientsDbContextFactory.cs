using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PayeTonKawa.Clients.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class ClientsDbContextFactory : IDesignTimeDbContextFactory<ClientsDbContext>
{
    public ClientsDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<ClientsDbContext>()
            .UseNpgsql("Host=localhost;Database=clientsdb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
