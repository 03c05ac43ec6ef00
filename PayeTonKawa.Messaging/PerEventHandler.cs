using Microsoft.EntityFrameworkCore;

namespace PayeTonKawa.Messaging;

/// <summary>
/// A handler of rare events that are handled one at a time: each is saved (not committed) before the next, so that it
/// reads the state the previous one left, as if alone.
/// </summary>
public abstract class PerEventHandler<TContext> : IEventHandler<TContext>
    where TContext : DbContext
{
    public virtual bool Wants(EventEnvelope envelope) => true;

    public async Task HandleAsync(IReadOnlyList<EventEnvelope> events, TContext db, CancellationToken cancellationToken)
    {
        foreach (var envelope in events)
        {
            await HandleAsync(envelope, db, cancellationToken);
            if (events.Count > 1 && db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }

    protected abstract Task HandleAsync(EventEnvelope envelope, TContext db, CancellationToken cancellationToken);
}
