using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PayeTonKawa.Messaging;

/// <summary>
/// The one transaction of a consumer, for a batch of any size (one included): the events already processed are
/// found with one query and skipped, the others go to their handlers in runs of consecutive events of the same
/// handler, each run saved before the next so that it reads the state the previous one left, and every new event's
/// processed-event row commits with the effects. Either all of the batch is applied, once, or none of it.
/// </summary>
public sealed partial class EventApplier<TContext>
    where TContext : DbContext
{
    private readonly ConsumerRegistration _registration;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Dictionary<string, IEventHandler<TContext>> _handlers;

    public EventApplier(ConsumerRegistration registration, IServiceProvider services, TimeProvider clock, ILogger logger)
    {
        _registration = registration;
        _services = services;
        _clock = clock;
        _logger = logger;
        _handlers = registration.Handlers.ToDictionary(
            binding => binding.Key, binding => (IEventHandler<TContext>)services.GetRequiredService(binding.Value), StringComparer.Ordinal);
    }

    public bool Knows(string routingKey) => _handlers.ContainsKey(routingKey);

    /// <summary>
    /// Whether the event's handler can change anything with it (see <see cref="IEventHandler{TContext}.Wants"/>). A
    /// body the handler cannot read is wanted: its handler fails on it, and the consumer retries then dead-letters it.
    /// </summary>
    public bool Wants(EventEnvelope envelope)
    {
        try
        {
            return _handlers[envelope.RoutingKey].Wants(envelope);
        }
        catch (System.Text.Json.JsonException)
        {
            return true;
        }
    }

    public async Task ApplyAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var ids = events.Select(envelope => envelope.EventId).ToArray();
            var processed = (await db.Set<ProcessedEvent>()
                .Where(entry => entry.Queue == _registration.Queue && ids.Contains(entry.EventId))
                .Select(entry => entry.EventId)
                .ToListAsync(token)).ToHashSet();
            var fresh = new List<EventEnvelope>(events.Count);
            foreach (var envelope in events)
            {
                if (processed.Add(envelope.EventId))
                {
                    fresh.Add(envelope);
                }
                else
                {
                    LogDuplicate(_logger, _registration.Queue, envelope.EventId);
                }
            }

            for (var start = 0; start < fresh.Count;)
            {
                var handler = _handlers[fresh[start].RoutingKey];
                var end = start + 1;
                while (end < fresh.Count && ReferenceEquals(_handlers[fresh[end].RoutingKey], handler))
                {
                    end++;
                }

                await handler.HandleAsync(fresh[start..end], db, token);
                if (end < fresh.Count && db.ChangeTracker.HasChanges())
                {
                    await db.SaveChangesAsync(token);
                }

                start = end;
            }

            foreach (var envelope in fresh)
            {
                db.Set<ProcessedEvent>().Add(ProcessedEvent.Of(envelope, _registration.Queue, _clock));
            }

            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} already processed by {Queue}: acknowledged without effect")]
    private static partial void LogDuplicate(ILogger logger, string queue, Guid eventId,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
