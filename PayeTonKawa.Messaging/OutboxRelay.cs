using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using PayeTonKawa.ServiceDefaults.Telemetry;

namespace PayeTonKawa.Messaging;

/// <summary>
/// Publishes the outbox to RabbitMQ: pending events in order, with publisher confirms, marked sent only once the broker
/// has confirmed them. Rows are locked with <c>FOR UPDATE SKIP LOCKED</c>, so several instances never send the same
/// batch at once. While RabbitMQ or the database is down, events simply wait in the table and the relay retries with
/// backoff. A batch is never cut by shutdown: once its confirms are in it is marked sent, and a last pass (within
/// <see cref="DrainTimeout"/>) publishes what the requests finished during the shutdown wrote.
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IServiceProvider services,
    BrokerConnection broker,
    OutboxSignal signal,
    MessagingMetrics metrics,
    TimeProvider clock,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private const int BatchSize = 200;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long the relay keeps publishing once the service is asked to stop.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);
    private static readonly ActivitySource Tracing = new(OpenTelemetryExtensions.SourceName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        IChannel? channel = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                channel ??= await OpenChannelAsync(stoppingToken);
                using var batchTimeout = new CancellationTokenSource(BatchTimeout);
                var published = await PublishBatchAsync(channel, batchTimeout.Token);
                backoff = TimeSpan.FromMilliseconds(250);
                if (published < BatchSize)
                {
                    await signal.WaitAsync(PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogPublishFailed(logger, backoff.TotalSeconds, exception);
                if (channel is { IsOpen: false })
                {
                    channel.Dispose();
                    channel = null;
                }

                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 10));
            }
        }

        if (channel is { IsOpen: true })
        {
            await DrainAsync(channel);
        }

        channel?.Dispose();
    }

    private async Task DrainAsync(IChannel channel)
    {
        using var deadline = new CancellationTokenSource(DrainTimeout);
        try
        {
            while (await PublishBatchAsync(channel, deadline.Token) == BatchSize)
            {
            }
        }
        catch (Exception exception)
        {
            // What is left stays in the table, unsent: the next instance to start publishes it.
            LogDrainIncomplete(logger, exception.Message);
        }
    }

    private async Task<IChannel> OpenChannelAsync(CancellationToken cancellationToken)
    {
        var connection = await broker.GetAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        await Topology.DeclareExchangeAsync(channel, cancellationToken);
        return channel;
    }

    /// <summary>Publishes one batch; returns how many events were sent.</summary>
    public async Task<int> PublishBatchAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var batch = await db.Set<OutboxMessage>()
                .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL ORDER BY id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
                .AsNoTracking()
                .ToListAsync(token);
            if (batch.Count == 0)
            {
                return 0;
            }

            // Publishing the whole batch before awaiting lets the confirms come back pipelined.
            var publications = batch.Select(message => PublishAsync(channel, message, token)).ToList();
            try
            {
                await Task.WhenAll(publications);
            }
            finally
            {
                var sent = new List<long>(batch.Count);
                var unconfirmed = new List<long>();
                for (var i = 0; i < batch.Count; i++)
                {
                    if (publications[i].IsCompletedSuccessfully)
                    {
                        sent.Add(batch[i].Id);
                        metrics.Published(batch[i].RoutingKey);
                    }
                    else
                    {
                        unconfirmed.Add(batch[i].Id);
                    }
                }

                // One statement per outcome rather than one per row: the relay's share of the database's work per order.
                var now = clock.GetUtcNow();
                if (sent.Count > 0)
                {
                    await db.Set<OutboxMessage>().Where(message => sent.Contains(message.Id)).ExecuteUpdateAsync(
                        update => update.SetProperty(message => message.SentAt, now).SetProperty(message => message.Attempts, message => message.Attempts + 1),
                        CancellationToken.None);
                }

                if (unconfirmed.Count > 0)
                {
                    await db.Set<OutboxMessage>().Where(message => unconfirmed.Contains(message.Id)).ExecuteUpdateAsync(
                        update => update.SetProperty(message => message.Attempts, message => message.Attempts + 1), CancellationToken.None);
                }

                await transaction.CommitAsync(CancellationToken.None);
                LogPublications(batch, publications);
            }

            return batch.Count;
        }, cancellationToken);
    }

    /// <summary>One line per event the broker confirmed (ticket #001), under the request id that caused it.</summary>
    private void LogPublications(List<OutboxMessage> batch, List<Task> publications)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (publications[i].IsCompletedSuccessfully)
            {
                var message = batch[i];
                using var scope = message.RequestId is null
                    ? null
                    : logger.BeginScope(new Dictionary<string, object?> { [JsonLogFormatter.RequestIdKey] = message.RequestId });
                LogPublished(logger, IntegrationEvents.NameOf(message.RoutingKey), message.EventId, message.RoutingKey);
            }
        }
    }

    private static async Task PublishAsync(IChannel channel, OutboxMessage message, CancellationToken cancellationToken)
    {
        // Continue the trace of the request that wrote the event: RabbitMQ.Client puts it in the message headers.
        var parent = ActivityContext.TryParse(message.TraceParent, null, out var context) ? context : default;
        using var activity = Tracing.StartActivity($"outbox {message.RoutingKey}", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", message.EventId.ToString());

        var properties = new BasicProperties
        {
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = message.EventId.ToString(),
            Type = message.RoutingKey,
            Timestamp = new AmqpTimestamp(message.CreatedAt.ToUnixTimeSeconds()),
            Headers = new Dictionary<string, object?>(),
        };
        if (message.RequestId is not null)
        {
            properties.Headers["x-request-id"] = message.RequestId;
        }

        await channel.BasicPublishAsync(Topology.Exchange, message.RoutingKey, mandatory: false, properties,
            Encoding.UTF8.GetBytes(message.Payload), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventType} {EventId} published with routing key {RoutingKey}")]
    private static partial void LogPublished(ILogger logger, string eventType, Guid eventId, string routingKey,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay stopped before the outbox was empty: {Reason}")]
    private static partial void LogDrainIncomplete(ILogger logger, string reason,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay could not publish; retrying in {DelaySeconds} s")]
    private static partial void LogPublishFailed(ILogger logger, double delaySeconds, Exception exception,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
