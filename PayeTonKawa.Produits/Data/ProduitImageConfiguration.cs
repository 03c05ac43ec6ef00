using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayeTonKawa.Produits.Images;
using PayeTonKawa.Produits.Products;

namespace PayeTonKawa.Produits.Data;

internal sealed class ProduitImageConfiguration : IEntityTypeConfiguration<ProduitImage>
{
    public void Configure(EntityTypeBuilder<ProduitImage> builder)
    {
        builder.ToTable("produit_images");
        builder.HasKey(image => image.ProduitId);
        builder.HasOne<Produit>().WithOne().HasForeignKey<ProduitImage>(image => image.ProduitId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(image => image.ContentType).HasMaxLength(50);
        builder.Property(image => image.Extension).HasMaxLength(10);
    }
}
