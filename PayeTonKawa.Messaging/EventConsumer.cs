using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using PayeTonKawa.ServiceDefaults.Telemetry;
using PayeTonKawa.ServiceDefaults.Data;

namespace PayeTonKawa.Messaging;

/// <summary>
/// Consumes one queue: each message is applied by its handler and recorded as processed in one transaction, then
/// acknowledged (manual ack, after commit). A redelivered event is acknowledged without a second effect.
/// <list type="bullet">
/// <item>Under load, the messages in hand are applied together by the <see cref="EventBatcher{TContext}"/>; a message
/// alone, or one whose batch failed, is applied alone as below.</item>
/// <item>A fault of the infrastructure (database unreachable, connection cut) is waited out: the message stays
/// unacknowledged and is applied again with backoff until it passes, so an outage never dead-letters anything.</item>
/// <item>A failure of the message itself is negatively acknowledged and requeued; the quorum queue's delivery limit
/// then dead-letters it, so a poison message never loops forever. An unreadable message is dead-lettered at once.</item>
/// <item>On shutdown the consumer is cancelled first, the messages being handled finish (within
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
    /// <summary>How long the messages in hand may take to finish once the service is asked to stop.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The longest pause between two attempts at a message while the infrastructure is down.</summary>
    public static readonly TimeSpan MaxOutageBackoff = TimeSpan.FromSeconds(15);

    private static readonly ActivitySource Tracing = new(OpenTelemetryExtensions.SourceName);
    private static readonly TimeSpan ChannelCheckInterval = TimeSpan.FromSeconds(5);

    // Handlers run on this token, not on the stopping one: a message in hand at shutdown finishes rather than being cut.
    private readonly CancellationTokenSource _abort = new();
    private readonly EventBatcher<TContext> _batcher = new(registration, services, metrics, clock, logger);
    private readonly SemaphoreSlim _alone = new(registration.Concurrency);
    private int _inFlight;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batching = _batcher.RunAsync(_abort.Token);
        try
        {
            await ConsumeAsync(stoppingToken);
        }
        finally
        {
            _batcher.Complete();
            await batching;
        }
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            IChannel? channel = null;
            try
            {
                var connection = await broker.GetAsync(stoppingToken);
                // The client's automatic recovery re-creates this channel, its topology and its consumer after a broker restart.
                channel = await connection.CreateChannelAsync(
                    new CreateChannelOptions(false, false, consumerDispatchConcurrency: registration.Prefetch), stoppingToken);
                await Topology.DeclareQueueAsync(channel, registration.Queue, registration.Handlers.Keys, stoppingToken);
                await channel.BasicQosAsync(0, registration.Prefetch, global: false, stoppingToken);

                var consumer = new AsyncEventingBasicConsumer(channel);
                var current = channel;
                consumer.ReceivedAsync += (_, delivery) => OnReceivedAsync(current, delivery, stoppingToken);
                var consumerTag = await channel.BasicConsumeAsync(registration.Queue, autoAck: false, consumer, stoppingToken);
                LogConsuming(logger, registration.Queue);

                await WatchChannelAsync(connection, channel, stoppingToken);
                if (stoppingToken.IsCancellationRequested)
                {
                    await DrainAsync(channel, consumerTag);
                    return;
                }

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

    private async Task DrainAsync(IChannel channel, string consumerTag)
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

        while (Volatile.Read(ref _inFlight) > 0 && !deadline.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        await _abort.CancelAsync();
        LogDrained(logger, registration.Queue, Volatile.Read(ref _inFlight));
        if (channel.IsOpen)
        {
            await channel.CloseAsync(CancellationToken.None);
        }
    }

    private async Task OnReceivedAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        // Prefetched after the stop began: left unacknowledged, it goes back to the queue when the channel closes.
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            await HandleDeliveryAsync(channel, delivery, stoppingToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task HandleDeliveryAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        var routingKey = delivery.RoutingKey;
        var envelope = TryRead(delivery);
        if (envelope is null || !registration.Handlers.TryGetValue(routingKey, out var handlerType))
        {
            LogUnreadable(logger, registration.Queue, routingKey);
            metrics.DeadLettered(registration.Queue, routingKey);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false, CancellationToken.None);
            return;
        }

        // Parented on the publisher's trace context, so that the request, this handler and the events it writes form one trace.
        using var activity = Tracing.StartActivity($"consume {routingKey}", ActivityKind.Consumer, ParentOf(delivery));
        activity?.SetTag("messaging.destination.name", registration.Queue);
        activity?.SetTag("messaging.message.id", envelope.EventId.ToString());
        using var scope = EventLogScope.Begin(logger, envelope);
        if (await _batcher.SubmitAsync(envelope, handlerType))
        {
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
            metrics.Consumed(registration.Queue, routingKey);
            return;
        }

        try
        {
            await _alone.WaitAsync(_abort.Token);
        }
        catch (OperationCanceledException)
        {
            return; // Left unacknowledged: back to the queue with the channel.
        }

        try
        {
            await ApplyAloneAsync(channel, delivery, envelope, handlerType, stoppingToken);
        }
        finally
        {
            _alone.Release();
        }
    }

    private async Task ApplyAloneAsync(
        IChannel channel, BasicDeliverEventArgs delivery, EventEnvelope envelope, Type handlerType, CancellationToken stoppingToken)
    {
        var routingKey = delivery.RoutingKey;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ApplyAsync(envelope, handlerType, _abort.Token);
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
                metrics.Consumed(registration.Queue, routingKey);
                return;
            }
            catch (Exception) when (_abort.IsCancellationRequested)
            {
                // Cut by the end of the drain: not applied (its transaction rolled back), back to the queue with the channel.
                return;
            }
            catch (Exception exception) when (TransientFaults.IsTransient(exception))
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                var pause = OutageBackoff(attempt);
                LogWaitingForInfrastructure(logger, registration.Queue, routingKey, envelope.EventId, attempt, pause.TotalSeconds, exception);
                metrics.Waited(registration.Queue, routingKey);
                await Task.Delay(pause, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception exception)
            {
                await RejectAsync(channel, delivery, envelope, exception);
                return;
            }
        }
    }

    private async Task RejectAsync(IChannel channel, BasicDeliverEventArgs delivery, EventEnvelope envelope, Exception exception)
    {
        var deliveries = DeliveryCount(delivery) + 1;
        LogHandlerFailed(logger, registration.Queue, delivery.RoutingKey, envelope.EventId, deliveries, exception);
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
        await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
    }

    /// <summary>0.5 s, 1 s, 2 s… up to <see cref="MaxOutageBackoff"/>.</summary>
    public static TimeSpan OutageBackoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(500 * Math.Pow(2, Math.Min(attempt - 1, 10)), MaxOutageBackoff.TotalMilliseconds));

    public override void Dispose()
    {
        _abort.Dispose();
        _alone.Dispose();
        base.Dispose();
    }

    /// <summary>Applies one event exactly once: handler effect and processed-event row commit together or not at all.</summary>
    public async Task ApplyAsync(EventEnvelope envelope, Type handlerType, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var handler = (IEventHandler<TContext>)scope.ServiceProvider.GetRequiredService(handlerType);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var processed = await db.Set<ProcessedEvent>()
                .AnyAsync(entry => entry.EventId == envelope.EventId && entry.Queue == registration.Queue, token);
            if (processed)
            {
                LogDuplicate(logger, registration.Queue, envelope.EventId);
                return;
            }

            await handler.HandleAsync(envelope, db, token);
            db.Set<ProcessedEvent>().Add(ProcessedEvent.Of(envelope, registration.Queue, clock));
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
        }, cancellationToken);
    }

    private static EventEnvelope? TryRead(BasicDeliverEventArgs delivery)
    {
        try
        {
            using var document = JsonDocument.Parse(delivery.Body);
            var payload = document.RootElement.Clone();
            var eventId = payload.ValueKind == JsonValueKind.Object
                && payload.TryGetProperty("event_id", out var id) && id.TryGetGuid(out var fromBody)
                    ? fromBody
                    : Guid.TryParse(delivery.BasicProperties.MessageId, out var fromProperties) ? fromProperties : Guid.Empty;
            return eventId == Guid.Empty
                ? null
                : new EventEnvelope(eventId, delivery.RoutingKey, payload, Header(delivery, "x-request-id"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ActivityContext ParentOf(BasicDeliverEventArgs delivery) =>
        ActivityContext.TryParse(Header(delivery, "traceparent"), Header(delivery, "tracestate"), out var context)
            ? context
            : Activity.Current?.Context ?? default;

    private static long DeliveryCount(BasicDeliverEventArgs delivery) =>
        delivery.BasicProperties.Headers?.TryGetValue("x-delivery-count", out var count) == true
            ? Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    private static string? Header(BasicDeliverEventArgs delivery, string name) =>
        delivery.BasicProperties.Headers?.TryGetValue(name, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), _ => value?.ToString() }
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming queue {Queue}")]
    private static partial void LogConsuming(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Consumer of {Queue} stopped; restarting")]
    private static partial void LogConsumerFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker closed the channel of {Queue}; consuming again")]
    private static partial void LogChannelClosed(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped consuming {Queue}; {Unfinished} message(s) left to the queue")]
    private static partial void LogDrained(ILogger logger, string queue, int unfinished);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Infrastructure unavailable while handling {RoutingKey} event {EventId} from {Queue} (attempt {Attempt}); kept and retried in {DelaySeconds} s")]
    private static partial void LogWaitingForInfrastructure(ILogger logger, string queue, string routingKey, Guid eventId, int attempt, double delaySeconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unreadable or unexpected message on {Queue} ({RoutingKey}): dead-lettered")]
    private static partial void LogUnreadable(ILogger logger, string queue, string routingKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {RoutingKey} event {EventId} from {Queue} failed (delivery {Delivery})")]
    private static partial void LogHandlerFailed(ILogger logger, string queue, string routingKey, Guid eventId, long delivery, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} already processed by {Queue}: acknowledged without effect")]
    internal static partial void LogDuplicate(ILogger logger, string queue, Guid eventId);
}
