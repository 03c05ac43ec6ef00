using Microsoft.Extensions.Logging;
using PayeTonKawa.ServiceDefaults.Hosting;

namespace PayeTonKawa.Messaging;

/// <summary>
/// Samples, every 5 s, how many messages wait in each queue the service consumes and in its
/// dead-letter queue, for the <c>payetonkawa.queue.messages</c> gauge. Without it a growing backlog, or a dead-letter
/// queue filling up, would only show in the RabbitMQ management UI.
/// </summary>
public sealed class QueueDepthMonitor(
    IEnumerable<ConsumerRegistration> registrations,
    BrokerConnection broker,
    MessagingMetrics metrics,
    ILogger<QueueDepthMonitor> logger) : PeriodicWork(logger, LogLevel.Debug)
{
    // Not declared yet (the consumer starts in parallel) or broker down: a failed sample is only worth a debug line.
    private readonly string[] _queues =
        [.. registrations.SelectMany(registration => new[] { registration.Queue, Topology.DeadLetterQueue(registration.Queue) })];

    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);

    protected override bool RunsAtStart => true;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (_queues.Length == 0)
        {
            return;
        }

        var connection = await broker.GetAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        foreach (var queue in _queues)
        {
            var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            metrics.QueueDepth(queue, declared.MessageCount);
        }
    }
}
