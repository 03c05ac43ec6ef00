using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayeTonKawa.Commandes.Orders;

namespace PayeTonKawa.Commandes.Data;

internal sealed class ProduitSupprimeConfiguration : IEntityTypeConfiguration<ProduitSupprime>
{
    public void Configure(EntityTypeBuilder<ProduitSupprime> builder)
    {
        builder.ToTable("produits_supprimes");
        builder.HasKey(produit => produit.ProduitId);
        builder.Property(produit => produit.ProduitId).ValueGeneratedNever();
    }
}
