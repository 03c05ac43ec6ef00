using Microsoft.EntityFrameworkCore;

namespace PayeTonKawa.Messaging;

public static class MessagingModel
{
    /// <summary>Adds the outbox and processed-event tables to a service's model.</summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(message => message.Id);
            outbox.Property(message => message.RoutingKey).HasMaxLength(100);
            outbox.Property(message => message.Payload).HasColumnType("jsonb");
            outbox.Property(message => message.TraceParent).HasMaxLength(100);
            outbox.Property(message => message.RequestId).HasMaxLength(100);
            outbox.HasIndex(message => message.EventId).IsUnique();
            // The relay only ever looks for what is still to send.
            outbox.HasIndex(message => message.Id).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outbox_messages_pending");
        });

        modelBuilder.Entity<ProcessedEvent>(processed =>
        {
            processed.ToTable("processed_events");
            processed.HasKey(entry => new { entry.EventId, entry.Queue });
            processed.Property(entry => entry.Queue).HasMaxLength(100);
            processed.Property(entry => entry.RoutingKey).HasMaxLength(100);
        });

        return modelBuilder;
    }
}
