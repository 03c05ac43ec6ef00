using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayeTonKawa.Commandes.Orders;

namespace PayeTonKawa.Commandes.Data;

internal sealed class CommandeConfiguration : IEntityTypeConfiguration<Commande>
{
    public void Configure(EntityTypeBuilder<Commande> builder)
    {
        builder.ToTable("commandes");
        // Ids are drawn from the sequence when the order is added, so events written in the same SaveChanges know it.
        builder.Property(commande => commande.Id).UseHiLo(CommandesDbContext.IdSequence);
        builder.Property(commande => commande.Statut).HasMaxLength(20);
        builder.Property(commande => commande.Motif).HasMaxLength(500);
        builder.Property(commande => commande.Total).HasPrecision(15, 2);
        builder.Property(commande => commande.Version).IsRowVersion();
        builder.HasIndex(commande => commande.ClientId);
        builder.HasIndex(commande => commande.Statut);
        builder.Property(commande => commande.IdempotencyKey).HasMaxLength(IdempotencyKeys.MaxLength);
        builder.HasIndex(commande => commande.IdempotencyKey).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        builder.HasMany(commande => commande.Lignes).WithOne()
            .HasForeignKey(ligne => ligne.CommandeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LigneCommandeConfiguration : IEntityTypeConfiguration<LigneCommande>
{
    public void Configure(EntityTypeBuilder<LigneCommande> builder)
    {
        builder.ToTable("lignes_commande");
        builder.Property(ligne => ligne.PrixUnitaire).HasPrecision(12, 2);
        builder.HasIndex(ligne => ligne.ProduitId);
    }
}
