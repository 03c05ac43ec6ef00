using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace PayeTonKawa.ServiceDefaults.Messaging;

/// <summary>
/// Consumes one queue: each message is applied by its handler and recorded as processed in one transaction, then
/// acknowledged (manual ack, after commit). A redelivered event is acknowledged without a second effect. A failure is
/// negatively acknowledged and requeued; the quorum queue's delivery limit then dead-letters it, so a poison message
/// never loops forever nor blocks the messages behind it for long. An unreadable message is dead-lettered at once.
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
    private static readonly ActivitySource Tracing = new(Telemetry.OpenTelemetryExtensions.SourceName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var connection = await broker.GetAsync(stoppingToken);
                // The client's automatic recovery re-creates this channel, its topology and its consumer after a broker restart.
                var channel = await connection.CreateChannelAsync(
                    new CreateChannelOptions(false, false, consumerDispatchConcurrency: registration.Concurrency), stoppingToken);
                await Topology.DeclareQueueAsync(channel, registration.Queue, registration.Handlers.Keys, stoppingToken);
                await channel.BasicQosAsync(0, registration.Prefetch, global: false, stoppingToken);

                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += (_, delivery) => OnReceivedAsync(channel, delivery, stoppingToken);
                await channel.BasicConsumeAsync(registration.Queue, autoAck: false, consumer, stoppingToken);
                LogConsuming(logger, registration.Queue);

                await Task.Delay(Timeout.Infinite, stoppingToken);
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
        }
    }

    private async Task OnReceivedAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
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
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["event_id"] = envelope.EventId,
            ["routing_key"] = routingKey,
            ["request_id"] = envelope.RequestId,
        });

        try
        {
            await ApplyAsync(envelope, handlerType, cancellationToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
            metrics.Consumed(registration.Queue, routingKey);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var deliveries = DeliveryCount(delivery) + 1;
            LogHandlerFailed(logger, registration.Queue, routingKey, envelope.EventId, deliveries, exception);
            if (deliveries >= Topology.DeliveryLimit)
            {
                metrics.DeadLettered(registration.Queue, routingKey);
            }
            else
            {
                metrics.Retried(registration.Queue, routingKey);
            }

            // A short pause so that a transient fault (a restarting database) has a chance to pass before the retry.
            await Task.Delay(TimeSpan.FromMilliseconds(100 * deliveries), CancellationToken.None);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
        }
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
            db.Set<ProcessedEvent>().Add(new ProcessedEvent
            {
                EventId = envelope.EventId,
                Queue = registration.Queue,
                RoutingKey = envelope.RoutingKey,
                ProcessedAt = clock.GetUtcNow(),
            });
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Unreadable or unexpected message on {Queue} ({RoutingKey}): dead-lettered")]
    private static partial void LogUnreadable(ILogger logger, string queue, string routingKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {RoutingKey} event {EventId} from {Queue} failed (delivery {Delivery})")]
    private static partial void LogHandlerFailed(ILogger logger, string queue, string routingKey, Guid eventId, long delivery, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} already processed by {Queue}: acknowledged without effect")]
    private static partial void LogDuplicate(ILogger logger, string queue, Guid eventId);
}
