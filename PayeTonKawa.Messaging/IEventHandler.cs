using Microsoft.EntityFrameworkCore;

namespace PayeTonKawa.Messaging;

/// <summary>
/// Applies one kind of event to the service's database, a set at a time: the consumer hands it the events of a batch
/// in their order of delivery, inside a transaction that also records them as processed, and commits once. Events it
/// adds with <c>db.AddEvent(…, cause)</c> go out through the outbox. Throwing fails the whole batch: the consumer then
/// applies its events one by one, where a poison message is told apart (retried, then dead-lettered).
/// Handlers are singletons: the database comes with each call.
/// </summary>
public interface IEventHandler<in TContext>
    where TContext : DbContext
{
    /// <summary>
    /// False when the event cannot change anything here (read from the message alone): it is acknowledged without a
    /// transaction and without a processed-event record, since applying it again would change nothing either.
    /// </summary>
    bool Wants(EventEnvelope envelope) => true;

    Task HandleAsync(IReadOnlyList<EventEnvelope> events, TContext db, CancellationToken cancellationToken);
}
