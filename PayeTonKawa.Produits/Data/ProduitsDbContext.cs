using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Produits.Images;
using PayeTonKawa.Produits.Products;
using PayeTonKawa.Produits.Stock;
using PayeTonKawa.ServiceDefaults.Data;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Produits.Data;

public sealed class ProduitsDbContext(DbContextOptions<ProduitsDbContext> options) : DbContext(options)
{
    public const string IdSequence = "produits_id_seq";

    public DbSet<Produit> Produits => Set<Produit>();

    public DbSet<ProduitImage> Images => Set<ProduitImage>();

    public DbSet<Reservation> Reservations => Set<Reservation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasSequence<int>(IdSequence).IncrementsBy(IdBlocks.Size);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ProduitsDbContext).Assembly);
        modelBuilder.AddMessagingTables();
    }
}
