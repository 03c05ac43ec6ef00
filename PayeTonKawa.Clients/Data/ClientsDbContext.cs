using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Clients.Customers;
using PayeTonKawa.ServiceDefaults.Data;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Clients.Data;

public sealed class ClientsDbContext(DbContextOptions<ClientsDbContext> options) : DbContext(options)
{
    public const string IdSequence = "clients_id_seq";

    public DbSet<Client> Clients => Set<Client>();

    public DbSet<LoginAttempts> LoginAttempts => Set<LoginAttempts>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("citext");
        modelBuilder.HasSequence<int>(IdSequence).IncrementsBy(IdBlocks.Size);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClientsDbContext).Assembly);
        modelBuilder.AddMessagingTables();
    }
}
