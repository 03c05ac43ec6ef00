using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Messaging;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Flows;

/// <summary>The messaging tables forget what they no longer need, and nothing else.</summary>
[Collection(TestCollection.Name)]
public sealed class RetentionTests(TestEnvironment env)
{
    // The unsent row may be published by the relay during the test: as a commande.updated of no order, which changes
    // nothing where it is consumed. Either way it must still be there after the purge.
    [Fact]
    public async Task The_purge_deletes_old_published_events_and_old_records_and_keeps_the_rest()
    {
        var connectionString = SagaState.ConnectionString(env.Commandes.Services, "commandesdb");
        var oldSent = Guid.NewGuid();
        var oldUnsent = Guid.NewGuid();
        var recentSent = Guid.NewGuid();
        var oldProcessed = Guid.NewGuid();
        var recentProcessed = Guid.NewGuid();
        await SagaState.ExecuteAsync(connectionString, $"""
            INSERT INTO outbox_messages (event_id, routing_key, payload, created_at, sent_at, attempts) VALUES
                ('{oldSent}', 'commande.created', '{"{}"}', now() - interval '8 days', now() - interval '8 days', 1),
                ('{oldUnsent}', 'commande.updated', '{"{\"commande_id\":0}"}', now() - interval '60 days', NULL, 9),
                ('{recentSent}', 'commande.created', '{"{}"}', now() - interval '6 days', now() - interval '6 days', 1);
            INSERT INTO processed_events (event_id, queue, routing_key, processed_at) VALUES
                ('{oldProcessed}', 'retention', 'client.deleted', now() - interval '31 days'),
                ('{recentProcessed}', 'retention', 'client.deleted', now() - interval '29 days');
            """);

        var (outbox, processed) = await env.Commandes.Services.GetRequiredService<RetentionPurge<CommandesDbContext>>().PurgeOnceAsync(CancellationToken.None);

        Assert.True(outbox >= 1 && processed >= 1, $"{outbox} outbox rows and {processed} records deleted");
        Assert.Equal(0, await CountAsync(connectionString, "outbox_messages", oldSent));
        Assert.Equal(1, await CountAsync(connectionString, "outbox_messages", oldUnsent));
        Assert.Equal(1, await CountAsync(connectionString, "outbox_messages", recentSent));
        Assert.Equal(0, await CountAsync(connectionString, "processed_events", oldProcessed));
        Assert.Equal(1, await CountAsync(connectionString, "processed_events", recentProcessed));
        await SagaState.ExecuteAsync(connectionString, $"DELETE FROM outbox_messages WHERE event_id = '{oldUnsent}'");
    }

    private static Task<long> CountAsync(string connectionString, string table, Guid eventId) =>
        SagaState.ScalarAsync(connectionString, $"SELECT count(*) FROM {table} WHERE event_id = '{eventId}'");
}
