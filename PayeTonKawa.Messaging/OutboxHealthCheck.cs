using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PayeTonKawa.Messaging;

internal sealed class OutboxHealthCheck<TContext>(TContext db, MessagingMetrics metrics) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = await db.Set<OutboxMessage>().LongCountAsync(message => message.SentAt == null, cancellationToken);
        metrics.OutboxBacklog(pending);
        return HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["pending"] = pending });
    }
}
