using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.ServiceDefaults.Data;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Commandes.Data;

public sealed class CommandesDbContext(DbContextOptions<CommandesDbContext> options) : DbContext(options)
{
    public const string IdSequence = "commandes_id_seq";

    public DbSet<Commande> Commandes => Set<Commande>();

    public DbSet<ProduitSupprime> ProduitsSupprimes => Set<ProduitSupprime>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasSequence<int>(IdSequence).IncrementsBy(IdBlocks.Size);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CommandesDbContext).Assembly);
        modelBuilder.AddMessagingTables();
    }
}
