using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayeTonKawa.Produits.Stock;

namespace PayeTonKawa.Produits.Data;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> builder)
    {
        builder.ToTable("reservations");
        builder.HasKey(reservation => reservation.CommandeId);
        builder.Property(reservation => reservation.CommandeId).ValueGeneratedNever();
        builder.Property(reservation => reservation.Statut).HasMaxLength(20);
        builder.Property(reservation => reservation.Motif).HasMaxLength(500);
        builder.HasMany(reservation => reservation.Lignes).WithOne()
            .HasForeignKey(ligne => ligne.CommandeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LigneReservationConfiguration : IEntityTypeConfiguration<LigneReservation>
{
    public void Configure(EntityTypeBuilder<LigneReservation> builder) => builder.ToTable("reservation_lignes");
}
