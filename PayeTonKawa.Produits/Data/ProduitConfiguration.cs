using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayeTonKawa.Produits.Products;

namespace PayeTonKawa.Produits.Data;

internal sealed class ProduitConfiguration : IEntityTypeConfiguration<Produit>
{
    public void Configure(EntityTypeBuilder<Produit> builder)
    {
        builder.ToTable("produits", table => table.HasCheckConstraint("ck_produits_stock_positif", "stock >= 0"));
        // Ids are drawn from the sequence when the product is added, so events written in the same SaveChanges know it.
        builder.Property(produit => produit.Id).UseHiLo(ProduitsDbContext.IdSequence);
        builder.Property(produit => produit.Nom).HasMaxLength(200);
        builder.Property(produit => produit.Description).HasMaxLength(500);
        builder.Property(produit => produit.Prix).HasPrecision(10, 2);
        builder.Property(produit => produit.Origine).HasMaxLength(100);
        builder.Property(produit => produit.PoidsKg).HasPrecision(10, 3);
        builder.Property(produit => produit.ImageUrl).HasMaxLength(500);
        builder.Property(produit => produit.Version).IsRowVersion();
    }
}
