using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PayeTonKawa.Messaging;

/// <summary>
/// Samples the number of unsent outbox events every <see cref="Interval"/> for the <c>payetonkawa.outbox.pending</c>
/// gauge, so that the alert on a growing outbox does not depend on something probing <c>/health</c>.
/// </summary>
public sealed partial class OutboxBacklogMonitor<TContext>(
    IServiceScopeFactory scopes,
    MessagingMetrics metrics,
    ILogger<OutboxBacklogMonitor<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                await SampleAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            metrics.OutboxBacklog(await db.Set<OutboxMessage>().LongCountAsync(message => message.SentAt == null, cancellationToken));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Database down or not migrated yet: the gauge keeps its last value until the next tick succeeds.
            LogSamplingFailed(logger, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox backlog not sampled: {Reason}")]
    private static partial void LogSamplingFailed(ILogger logger, string reason);
}
