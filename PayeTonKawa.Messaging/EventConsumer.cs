using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using PayeTonKawa.ServiceDefaults.Telemetry;
using PayeTonKawa.ServiceDefaults.Data;

namespace PayeTonKawa.Messaging;

/// <summary>
/// Consumes one queue with manual acknowledgements, after commit. The broker's callback only reads each message and
/// queues it; one loop takes all the messages in hand (up to <see cref="ConsumerRegistration.MaxBatchSize"/>), applies
/// them in one transaction (<see cref="EventApplier{TContext}"/>) and acknowledges them with one frame: under load a
/// flash sale's reservations cost one commit, one wait for the hot product rows and one acknowledgement per batch;
/// alone, a message is a batch of one through the same path.
/// <list type="bullet">
/// <item>A message its handler does not want (<see cref="IEventHandler{TContext}.Wants"/>) is acknowledged with the
/// others, without any database work.</item>
/// <item>A fault of the infrastructure (database unreachable, connection cut) is waited out: the batch stays
/// unacknowledged and is applied again with backoff until it passes, so an outage never dead-letters anything.</item>
/// <item>Any other failure of a batch is not retried as a batch: its messages are applied one by one, where a failure
/// of the message itself is negatively acknowledged and requeued; the quorum queue's delivery limit then dead-letters
/// it, so a poison message never loops forever. An unreadable message is dead-lettered at once.</item>
/// <item>On shutdown the consumer is cancelled first, the batch being applied finishes (within
/// <see cref="DrainTimeout"/>), and whatever was not acknowledged goes back to the queue with the channel.</item>
/// </list>
/// </summary>
public sealed partial class EventConsumer<TContext>(
    ConsumerRegistration registration,
    IServiceProvider services,
    BrokerConnection broker,
    MessagingMetrics metrics,
    TimeProvider clock,
    ILogger<EventConsumer<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    /// <summary>How long the batch in hand may take to finish once the service is asked to stop.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The longest pause between two attempts at a batch while the infrastructure is down.</summary>
    public static readonly TimeSpan MaxOutageBackoff = TimeSpan.FromSeconds(15);

    private static readonly ActivitySource Tracing = new(OpenTelemetryExtensions.SourceName);
    private static readonly TimeSpan ChannelCheckInterval = TimeSpan.FromSeconds(5);

    private readonly EventApplier<TContext> _applier = new(registration, services, clock, logger);

    // Batches are applied on this token, not on the stopping one: a batch in hand at shutdown finishes rather than being cut.
    private readonly CancellationTokenSource _abort = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            IChannel? channel = null;
            try
            {
                var connection = await broker.GetAsync(stoppingToken);
                // The client's automatic recovery re-creates this channel, its topology and its consumer after a broker restart.
                channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
                await Topology.DeclareQueueAsync(channel, registration.Queue, registration.Handlers.Keys, stoppingToken);
                await channel.BasicQosAsync(0, registration.Prefetch, global: false, stoppingToken);

                var inHand = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += (_, message) =>
                {
                    inHand.Writer.TryWrite(Read(message));
                    return Task.CompletedTask;
                };
                var consumerTag = await channel.BasicConsumeAsync(registration.Queue, autoAck: false, consumer, stoppingToken);
                LogConsuming(logger, registration.Queue);

                using var closed = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var applying = ApplyLoopAsync(channel, inHand.Reader, closed.Token);
                await WatchChannelAsync(connection, channel, stoppingToken);
                if (stoppingToken.IsCancellationRequested)
                {
                    await DrainAsync(channel, consumerTag, applying);
                    return;
                }

                await closed.CancelAsync();
                await applying;
                LogChannelClosed(logger, registration.Queue);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogConsumerFailed(logger, registration.Queue, exception);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            finally
            {
                channel?.Dispose();
            }
        }
    }

    /// <summary>
    /// Returns when the service stops, or when the broker closed this channel while the connection stayed up (an ack
    /// refused, a consumer timeout): automatic recovery only reopens channels lost with their connection.
    /// </summary>
    private static async Task WatchChannelAsync(IConnection connection, IChannel channel, CancellationToken stoppingToken)
    {
        var closedChecks = 0;
        while (!stoppingToken.IsCancellationRequested && closedChecks < 2)
        {
            await Task.Delay(ChannelCheckInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            closedChecks = !channel.IsOpen && connection.IsOpen ? closedChecks + 1 : 0;
        }
    }

    private async Task DrainAsync(IChannel channel, string consumerTag, Task applying)
    {
        using var deadline = new CancellationTokenSource(DrainTimeout);
        try
        {
            await channel.BasicCancelAsync(consumerTag, noWait: false, deadline.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || deadline.IsCancellationRequested)
        {
            // A channel already closed has no consumer left to cancel.
        }

        var finished = await Task.WhenAny(applying, Task.Delay(Timeout.Infinite, deadline.Token)) == applying;
        await _abort.CancelAsync();
        await applying;
        LogDrained(logger, registration.Queue, finished);
        if (channel.IsOpen)
        {
            await channel.CloseAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Takes every message in hand, applies them together and acknowledges them, until <paramref name="stop"/>. Messages
    /// are taken and settled in their order of delivery, so one acknowledgement with <c>multiple</c> covers exactly the
    /// batch: every earlier tag of the channel is already settled.
    /// </summary>
    private async Task ApplyLoopAsync(IChannel channel, ChannelReader<Delivery> inHand, CancellationToken stop)
    {
        var batch = new List<Delivery>(registration.MaxBatchSize);
        try
        {
            while (await inHand.WaitToReadAsync(stop))
            {
                while (batch.Count < registration.MaxBatchSize && !stop.IsCancellationRequested && inHand.TryRead(out var delivery))
                {
                    batch.Add(delivery);
                }

                try
                {
                    await SettleAsync(channel, batch, stop);
                }
                catch (Exception exception) when (!stop.IsCancellationRequested)
                {
                    // An acknowledgement lost with the connection: the broker requeues those messages and the
                    // recovered channel delivers them again, to be recognised as processed.
                    LogSettleFailed(logger, registration.Queue, batch.Count, exception.Message);
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: what was not acknowledged goes back to the queue with the channel.
        }
    }

    private async Task SettleAsync(IChannel channel, List<Delivery> batch, CancellationToken stop)
    {
        var wanted = new List<Delivery>(batch.Count);
        var settled = new List<Delivery>(batch.Count);
        foreach (var delivery in batch)
        {
            if (delivery.Envelope is null)
            {
                LogUnreadable(logger, registration.Queue, delivery.RoutingKey);
                metrics.DeadLettered(registration.Queue, delivery.RoutingKey);
                await channel.BasicNackAsync(delivery.Tag, multiple: false, requeue: false, CancellationToken.None);
            }
            else if (_applier.Wants(delivery.Envelope))
            {
                wanted.Add(delivery);
            }
            else
            {
                settled.Add(delivery);
            }
        }

        if (wanted.Count > 0)
        {
            if (await ApplyAsync(channel, wanted, stop) is not { } applied)
            {
                return; // Cut by the stop: nothing acknowledged, all of it goes back to the queue.
            }

            settled.AddRange(applied);
        }

        if (settled.Count > 0)
        {
            // Up to the last tag settled here, every earlier tag of the channel is settled too (see ApplyLoopAsync).
            await channel.BasicAckAsync(settled.Max(delivery => delivery.Tag), multiple: true, CancellationToken.None);
            metrics.Consumed(registration.Queue, settled.Select(delivery => delivery.RoutingKey));
        }
    }

    /// <summary>
    /// Applies the batch, waiting out outages; a batch that fails otherwise is applied one by one. Returns the messages
    /// to acknowledge (those requeued as failures of their own are not), or null when the stop cut it.
    /// </summary>
    private async Task<IReadOnlyList<Delivery>?> ApplyAsync(IChannel channel, List<Delivery> batch, CancellationToken stop)
    {
        using var activity = StartActivity(batch);
        using var scope = batch.Count == 1 ? EventLogScope.Begin(logger, batch[0].Envelope!) : null;
        EventEnvelope[] envelopes = [.. batch.Select(delivery => delivery.Envelope!)];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _applier.ApplyAsync(envelopes, _abort.Token);
                if (batch.Count > 1)
                {
                    metrics.Batch(registration.Queue, batch.Count);
                }

                return batch;
            }
            catch (Exception) when (_abort.IsCancellationRequested)
            {
                // Cut by the end of the drain: not applied (its transaction rolled back), back to the queue with the channel.
                return null;
            }
            catch (Exception exception) when (TransientFaults.IsTransient(exception))
            {
                if (stop.IsCancellationRequested)
                {
                    return null;
                }

                var pause = OutageBackoff(attempt);
                LogWaitingForInfrastructure(logger, registration.Queue, batch.Count, attempt, pause.TotalSeconds, exception);
                metrics.Waited(registration.Queue, batch[0].RoutingKey);
                await Task.Delay(pause, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception exception) when (batch.Count > 1)
            {
                LogBatchFailed(logger, registration.Queue, batch.Count, exception.Message);
                return await ApplyOneByOneAsync(channel, batch, stop);
            }
            catch (Exception exception)
            {
                await RejectAsync(channel, batch[0], exception);
                return [];
            }
        }
    }

    private async Task<IReadOnlyList<Delivery>?> ApplyOneByOneAsync(IChannel channel, List<Delivery> batch, CancellationToken stop)
    {
        var applied = new List<Delivery>(batch.Count);
        foreach (var delivery in batch)
        {
            if (await ApplyAsync(channel, [delivery], stop) is not { } one)
            {
                return null;
            }

            applied.AddRange(one);
        }

        return applied;
    }

    private async Task RejectAsync(IChannel channel, Delivery delivery, Exception exception)
    {
        var deliveries = delivery.PreviousDeliveries + 1;
        LogHandlerFailed(logger, registration.Queue, delivery.RoutingKey, delivery.Envelope!.EventId, deliveries, exception);
        if (deliveries >= Topology.DeliveryLimit)
        {
            metrics.DeadLettered(registration.Queue, delivery.RoutingKey);
        }
        else
        {
            metrics.Retried(registration.Queue, delivery.RoutingKey);
        }

        // A short pause so that a failure that depends on timing has a chance to pass before the retry.
        await Task.Delay(TimeSpan.FromMilliseconds(100 * deliveries), CancellationToken.None);
        await channel.BasicNackAsync(delivery.Tag, multiple: false, requeue: true, CancellationToken.None);
    }

    /// <summary>
    /// A message alone is traced as the child of its publisher; a batch is one span linked to each of its messages, as
    /// the OpenTelemetry messaging conventions trace a batch.
    /// </summary>
    private Activity? StartActivity(List<Delivery> batch)
    {
        if (!Tracing.HasListeners())
        {
            return null;
        }

        var activity = batch.Count == 1
            ? Tracing.StartActivity($"consume {batch[0].RoutingKey}", ActivityKind.Consumer, ParentOf(batch[0].Envelope!))
            : Tracing.StartActivity(ActivityKind.Consumer, name: $"consume {registration.Queue}",
                links: batch.Select(delivery => new ActivityLink(ParentOf(delivery.Envelope!))));
        activity?.SetTag("messaging.destination.name", registration.Queue);
        activity?.SetTag("messaging.batch.message_count", batch.Count);
        return activity;
    }

    /// <summary>0.5 s, 1 s, 2 s… up to <see cref="MaxOutageBackoff"/>.</summary>
    public static TimeSpan OutageBackoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(500 * Math.Pow(2, Math.Min(attempt - 1, 10)), MaxOutageBackoff.TotalMilliseconds));

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    /// <summary>Reads a message in the broker's callback: its body is only valid until the callback returns.</summary>
    private Delivery Read(BasicDeliverEventArgs message)
    {
        var envelope = _applier.Knows(message.RoutingKey) ? TryRead(message) : null;
        return new Delivery(message.DeliveryTag, message.RoutingKey, envelope, PreviousDeliveries(message));
    }

    private static EventEnvelope? TryRead(BasicDeliverEventArgs message)
    {
        try
        {
            using var document = JsonDocument.Parse(message.Body);
            var payload = document.RootElement.Clone();
            var eventId = payload.ValueKind == JsonValueKind.Object
                && payload.TryGetProperty("event_id", out var id) && id.TryGetGuid(out var fromBody)
                    ? fromBody
                    : Guid.TryParse(message.BasicProperties.MessageId, out var fromProperties) ? fromProperties : Guid.Empty;
            return eventId == Guid.Empty
                ? null
                : new EventEnvelope(eventId, message.RoutingKey, payload, Header(message, "x-request-id"), Header(message, "traceparent"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ActivityContext ParentOf(EventEnvelope envelope) =>
        ActivityContext.TryParse(envelope.TraceParent, null, out var context) ? context : default;

    private static long PreviousDeliveries(BasicDeliverEventArgs message) =>
        message.BasicProperties.Headers?.TryGetValue("x-delivery-count", out var count) == true
            ? Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    private static string? Header(BasicDeliverEventArgs message, string name) =>
        message.BasicProperties.Headers?.TryGetValue(name, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), _ => value?.ToString() }
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming queue {Queue}")]
    private static partial void LogConsuming(ILogger logger, string queue,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Error, Message = "Consumer of {Queue} stopped; restarting")]
    private static partial void LogConsumerFailed(ILogger logger, string queue, Exception exception,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker closed the channel of {Queue}; consuming again")]
    private static partial void LogChannelClosed(ILogger logger, string queue,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped consuming {Queue}; batch in hand finished: {Finished}")]
    private static partial void LogDrained(ILogger logger, string queue, bool finished,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Infrastructure unavailable while applying {Count} message(s) from {Queue} (attempt {Attempt}); kept and retried in {DelaySeconds} s")]
    private static partial void LogWaitingForInfrastructure(ILogger logger, string queue, int count, int attempt, double delaySeconds, Exception exception,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acknowledging {Count} message(s) from {Queue} failed ({Reason}); the broker delivers them again")]
    private static partial void LogSettleFailed(ILogger logger, string queue, int count, string reason,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "A batch of {Count} messages from {Queue} failed ({Reason}); applying them one by one")]
    private static partial void LogBatchFailed(ILogger logger, string queue, int count, string reason,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unreadable or unexpected message on {Queue} ({RoutingKey}): dead-lettered")]
    private static partial void LogUnreadable(ILogger logger, string queue, string routingKey,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {RoutingKey} event {EventId} from {Queue} failed (delivery {Delivery})")]
    private static partial void LogHandlerFailed(ILogger logger, string queue, string routingKey, Guid eventId, long delivery, Exception exception,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
