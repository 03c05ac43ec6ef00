using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PayeTonKawa.Messaging;

/// <summary>
/// Wakes the outbox relay as soon as a change that wrote events is committed, so events leave within milliseconds
/// instead of waiting for the next poll (the poll stays as the safety net). Only changes that wrote events wake it:
/// the relay's own commits and the consumers' transactions that wrote nothing to send would each cost it a query.
/// </summary>
public sealed class OutboxSignal : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    // The contexts whose open transaction has saved events, until it commits or rolls back.
    private readonly ConditionalWeakTable<DbContext, object> _wroteEvents = [];

    public void Notify() => _pending.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _pending.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Poll interval elapsed.
        }
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && db.ChangeTracker.Entries<OutboxMessage>().Any(entry => entry.State == EntityState.Added))
        {
            _wroteEvents.AddOrUpdate(db, this);
        }

        return ValueTask.FromResult(result);
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // Inside an explicit transaction the events become visible only at commit (see TransactionCommittedAsync).
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null && _wroteEvents.Remove(db))
        {
            Notify();
        }

        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && _wroteEvents.Remove(db))
        {
            Notify();
        }

        return Task.CompletedTask;
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            _wroteEvents.Remove(db);
        }

        return Task.CompletedTask;
    }
}
