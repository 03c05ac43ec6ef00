using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayeTonKawa.Clients.Customers;

namespace PayeTonKawa.Clients.Data;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable("clients");
        // Ids are drawn from the sequence when the client is added, so the client.created event written in the same
        // SaveChanges already knows it (an identity column would only assign it during the insert).
        builder.Property(client => client.Id).UseHiLo(ClientsDbContext.IdSequence);
        builder.Property(client => client.Nom).HasMaxLength(100);
        builder.Property(client => client.Prenom).HasMaxLength(100);
        builder.Property(client => client.Email).HasColumnType("citext").HasMaxLength(254);
        builder.HasIndex(client => client.Email).IsUnique();
        builder.Property(client => client.Telephone).HasMaxLength(10);
        builder.Property(client => client.Adresse).HasMaxLength(200);
        builder.Property(client => client.MotDePasseHash).HasMaxLength(200);
    }
}
