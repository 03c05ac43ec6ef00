using Microsoft.EntityFrameworkCore;

namespace PayeTonKawa.Messaging;

/// <summary>
/// Applies one kind of event to the service's database. The consumer calls it inside a transaction and saves its
/// changes together with the processed-event row; events it adds with <c>db.AddEvent</c> go out through the outbox.
/// Throwing makes the consumer retry the message, then dead-letter it.
/// </summary>
public interface IEventHandler<in TContext>
    where TContext : DbContext
{
    Task HandleAsync(EventEnvelope envelope, TContext db, CancellationToken cancellationToken);
}
