using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PayeTonKawa.Messaging;

/// <summary>
/// Applies the messages a consumer has in hand together, in one transaction: under load a flash sale's reservations
/// then cost one commit, and one wait for the hot product rows, per batch instead of per order. Each message still
/// counts as applied once (its processed-event row commits with its effect) and is acknowledged only after the commit.
/// A batch that fails is not retried as a batch: its messages go back to be applied one by one, where a poison message
/// is told apart from the others and an outage is waited out (see <see cref="EventConsumer{TContext}"/>).
/// </summary>
public sealed partial class EventBatcher<TContext>(
    ConsumerRegistration registration,
    IServiceProvider services,
    MessagingMetrics metrics,
    TimeProvider clock,
    ILogger logger)
    where TContext : DbContext
{
    private readonly Channel<PendingEvent> _pending = Channel.CreateUnbounded<PendingEvent>(
        new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Queues one message for the next batch. True once it is committed with its batch; false when it must be applied
    /// alone: the batch failed, the message was alone in it, or the batcher has stopped.
    /// </summary>
    public Task<bool> SubmitAsync(EventEnvelope envelope, Type handlerType)
    {
        var pending = new PendingEvent(envelope, handlerType, Activity.Current,
            new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        return _pending.Writer.TryWrite(pending) ? pending.Outcome.Task : Task.FromResult(false);
    }

    /// <summary>Applies batches until <see cref="Complete"/>; <paramref name="abort"/> cuts the batch in progress.</summary>
    public async Task RunAsync(CancellationToken abort)
    {
        var batch = new List<PendingEvent>(registration.MaxBatchSize);
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < registration.MaxBatchSize && _pending.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            // Alone, a message gains nothing from a batch, and its failure is better told apart at once.
            var applied = batch.Count > 1 && await TryApplyAsync(batch, abort);
            foreach (var pending in batch)
            {
                pending.Outcome.TrySetResult(applied);
            }

            batch.Clear();
        }
    }

    /// <summary>Stops taking messages; those already queued are still answered.</summary>
    public void Complete() => _pending.Writer.TryComplete();

    private async Task<bool> TryApplyAsync(List<PendingEvent> batch, CancellationToken abort)
    {
        try
        {
            await ApplyAsync(batch, abort);
            metrics.Batch(registration.Queue, batch.Count);
            return true;
        }
        catch (Exception exception)
        {
            LogBatchFailed(logger, registration.Queue, batch.Count, exception.Message);
            return false;
        }
    }

    private async Task ApplyAsync(List<PendingEvent> batch, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var ids = batch.Select(pending => pending.Envelope.EventId).ToArray();
            var processed = (await db.Set<ProcessedEvent>()
                .Where(entry => entry.Queue == registration.Queue && ids.Contains(entry.EventId))
                .Select(entry => entry.EventId)
                .ToListAsync(token)).ToHashSet();

            foreach (var pending in batch)
            {
                if (!processed.Add(pending.Envelope.EventId))
                {
                    EventConsumer<TContext>.LogDuplicate(logger, registration.Queue, pending.Envelope.EventId);
                    continue;
                }

                // Each message keeps its own trace and log scope, so the events its handler writes follow its request.
                var outer = Activity.Current;
                Activity.Current = pending.Activity;
                try
                {
                    using var logScope = EventLogScope.Begin(logger, pending.Envelope);
                    var handler = (IEventHandler<TContext>)scope.ServiceProvider.GetRequiredService(pending.HandlerType);
                    await handler.HandleAsync(pending.Envelope, db, token);
                    db.Set<ProcessedEvent>().Add(ProcessedEvent.Of(pending.Envelope, registration.Queue, clock));

                    // Saved (not committed) after each message that changed something, so that the next one reads the
                    // state this one left, as if alone. A message that changed nothing (most order updates, for
                    // Produits) costs no round trip: its processed-event row waits for the next save.
                    if (ChangedMoreThanProcessedEvents(db))
                    {
                        await db.SaveChangesAsync(token);
                        db.ChangeTracker.Clear();
                    }
                }
                finally
                {
                    Activity.Current = outer;
                }
            }

            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
        }, cancellationToken);
    }

    private static bool ChangedMoreThanProcessedEvents(TContext db) =>
        db.ChangeTracker.Entries().Any(entry => entry.State != EntityState.Unchanged && entry.Entity is not ProcessedEvent);

    private sealed record PendingEvent(EventEnvelope Envelope, Type HandlerType, Activity? Activity, TaskCompletionSource<bool> Outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "A batch of {Count} messages from {Queue} failed ({Reason}); applying them one by one")]
    private static partial void LogBatchFailed(ILogger logger, string queue, int count, string reason);
}
