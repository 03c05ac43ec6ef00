using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayeTonKawa.Clients.Customers;

namespace PayeTonKawa.Clients.Data;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable("clients");
        builder.Property(client => client.Nom).HasMaxLength(100);
        builder.Property(client => client.Prenom).HasMaxLength(100);
        builder.Property(client => client.Email).HasColumnType("citext").HasMaxLength(254);
        builder.HasIndex(client => client.Email).IsUnique();
        builder.Property(client => client.Telephone).HasMaxLength(10);
        builder.Property(client => client.Adresse).HasMaxLength(200);
        builder.Property(client => client.MotDePasseHash).HasMaxLength(200);
    }
}
