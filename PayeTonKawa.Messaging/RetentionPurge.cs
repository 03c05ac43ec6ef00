using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PayeTonKawa.ServiceDefaults.Hosting;

namespace PayeTonKawa.Messaging;

/// <summary>
/// Deletes, every <see cref="RetentionOptions.Interval"/>, the published outbox rows and the processed-event records
/// older than their retention, in batches of <see cref="RetentionOptions.BatchSize"/>: without it both tables grow
/// with every event for ever, and so do the costs that depend on their size. The relay and the consumers never wait
/// on it: they lock only unpublished rows and the records they insert, which the purge never touches.
/// </summary>
public sealed partial class RetentionPurge<TContext>(
    IServiceScopeFactory scopes,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ILogger<RetentionPurge<TContext>> logger) : PeriodicWork(logger, LogLevel.Warning)
    where TContext : DbContext
{
    /// <summary>Runs one purge; returns how many outbox rows and processed-event records were deleted.</summary>
    public async Task<(long Outbox, long Processed)> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var outbox = await DeleteInBatchesAsync(batch => db.Database.ExecuteSqlAsync($"""
            DELETE FROM outbox_messages WHERE ctid IN (
                SELECT ctid FROM outbox_messages WHERE sent_at < {now - settings.SentOutbox} LIMIT {batch})
            """, cancellationToken), settings.BatchSize);
        var processed = await DeleteInBatchesAsync(batch => db.Database.ExecuteSqlAsync($"""
            DELETE FROM processed_events WHERE ctid IN (
                SELECT ctid FROM processed_events WHERE processed_at < {now - settings.ProcessedEvents} LIMIT {batch})
            """, cancellationToken), settings.BatchSize);
        return (outbox, processed);
    }

    protected override TimeSpan Interval => options.Value.Interval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var (outbox, processed) = await PurgeOnceAsync(cancellationToken);
        LogPurged(Logger, outbox, processed);
    }

    private static async Task<long> DeleteInBatchesAsync(Func<int, Task<int>> deleteBatch, int batchSize)
    {
        long total = 0;
        int deleted;
        do
        {
            deleted = await deleteBatch(batchSize);
            total += deleted;
        }
        while (deleted == batchSize);

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge: {Outbox} published outbox row(s) and {Processed} processed-event record(s) deleted")]
    private static partial void LogPurged(ILogger logger, long outbox, long processed,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
