using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
    ILogger<RetentionPurge<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    /// <summary>Runs one purge; returns how many outbox rows and processed-event records were deleted.</summary>
    public async Task<(long Outbox, long Processed)> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var outbox = await DeleteInBatchesAsync(db, batch => db.Database.ExecuteSqlAsync($"""
            DELETE FROM outbox_messages WHERE ctid IN (
                SELECT ctid FROM outbox_messages WHERE sent_at < {now - settings.SentOutbox} LIMIT {batch})
            """, cancellationToken), settings.BatchSize);
        var processed = await DeleteInBatchesAsync(db, batch => db.Database.ExecuteSqlAsync($"""
            DELETE FROM processed_events WHERE ctid IN (
                SELECT ctid FROM processed_events WHERE processed_at < {now - settings.ProcessedEvents} LIMIT {batch})
            """, cancellationToken), settings.BatchSize);
        return (outbox, processed);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var (outbox, processed) = await PurgeOnceAsync(stoppingToken);
                    LogPurged(logger, outbox, processed);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogPurgeFailed(logger, exception.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static async Task<long> DeleteInBatchesAsync(TContext db, Func<int, Task<int>> deleteBatch, int batchSize)
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
    private static partial void LogPurged(ILogger logger, long outbox, long processed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention purge skipped this time: {Reason}")]
    private static partial void LogPurgeFailed(ILogger logger, string reason);
}
