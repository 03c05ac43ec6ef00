using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PayeTonKawa.ServiceDefaults.Hosting;

namespace PayeTonKawa.Messaging;

/// <summary>
/// Samples the number of unsent outbox events every 5 s for the <c>payetonkawa.outbox.pending</c> gauge, so that the
/// alert on a growing outbox does not depend on something probing <c>/health</c>. A failed sample (database down or
/// not migrated yet) leaves the gauge at its last value until the next one succeeds.
/// </summary>
public sealed class OutboxBacklogMonitor<TContext>(
    IServiceScopeFactory scopes,
    MessagingMetrics metrics,
    ILogger<OutboxBacklogMonitor<TContext>> logger) : PeriodicWork(logger, LogLevel.Debug)
    where TContext : DbContext
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);

    protected override bool RunsAtStart => true;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        metrics.OutboxBacklog(await db.Set<OutboxMessage>().LongCountAsync(message => message.SentAt == null, cancellationToken));
    }
}
