using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayeTonKawa.Clients.Customers;

namespace PayeTonKawa.Clients.Data;

internal sealed class LoginAttemptsConfiguration : IEntityTypeConfiguration<LoginAttempts>
{
    public void Configure(EntityTypeBuilder<LoginAttempts> builder)
    {
        // LoginThrottle writes this table with SQL of its own (an atomic upsert): keep both in step.
        builder.ToTable("login_attempts");
        builder.HasKey(attempts => attempts.EmailHash);
        builder.Property(attempts => attempts.EmailHash).HasMaxLength(64);
    }
}
