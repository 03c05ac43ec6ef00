using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PayeTonKawa.Messaging;

/// <summary>
/// Samples, every <see cref="Interval"/>, how many messages wait in each queue the service consumes and in its
/// dead-letter queue, for the <c>payetonkawa.queue.messages</c> gauge. Without it a growing backlog, or a dead-letter
/// queue filling up, would only show in the RabbitMQ management UI.
/// </summary>
public sealed partial class QueueDepthMonitor(
    IEnumerable<ConsumerRegistration> registrations,
    BrokerConnection broker,
    MessagingMetrics metrics,
    ILogger<QueueDepthMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queues = registrations.SelectMany(registration => new[] { registration.Queue, Topology.DeadLetterQueue(registration.Queue) }).ToArray();
        if (queues.Length == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                await SampleAsync(queues, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SampleAsync(string[] queues, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await broker.GetAsync(cancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            foreach (var queue in queues)
            {
                var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
                metrics.QueueDepth(queue, declared.MessageCount);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not declared yet (the consumer starts in parallel) or broker down: the next tick tries again.
            LogSamplingFailed(logger, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue depths not sampled: {Reason}")]
    private static partial void LogSamplingFailed(ILogger logger, string reason);
}
