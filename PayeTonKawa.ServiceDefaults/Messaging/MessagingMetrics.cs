using System.Diagnostics.Metrics;
using PayeTonKawa.ServiceDefaults.Telemetry;

namespace PayeTonKawa.ServiceDefaults.Messaging;

/// <summary>Message counts per routing key and queue, exported with the rest of the service's metrics.</summary>
public sealed class MessagingMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _published;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _deadLettered;
    private long _outboxBacklog;

    public MessagingMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(OpenTelemetryExtensions.SourceName);
        _published = _meter.CreateCounter<long>("payetonkawa.messages.published", description: "Événements publiés sur RabbitMQ (confirmés).");
        _consumed = _meter.CreateCounter<long>("payetonkawa.messages.consumed", description: "Messages traités et acquittés.");
        _retried = _meter.CreateCounter<long>("payetonkawa.messages.retried", description: "Messages en échec remis dans la file.");
        _deadLettered = _meter.CreateCounter<long>("payetonkawa.messages.dead_lettered", description: "Messages envoyés dans une file de lettres mortes.");
        _meter.CreateObservableGauge("payetonkawa.outbox.pending", () => Interlocked.Read(ref _outboxBacklog),
            description: "Événements en attente de publication dans l'outbox.");
    }

    public void Published(string routingKey) => _published.Add(1, new KeyValuePair<string, object?>("routing_key", routingKey));

    public void Consumed(string queue, string routingKey) => _consumed.Add(1, Tags(queue, routingKey));

    public void Retried(string queue, string routingKey) => _retried.Add(1, Tags(queue, routingKey));

    public void DeadLettered(string queue, string routingKey) => _deadLettered.Add(1, Tags(queue, routingKey));

    public void OutboxBacklog(long pending) => Interlocked.Exchange(ref _outboxBacklog, pending);

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?>[] Tags(string queue, string routingKey) =>
        [new("queue", queue), new("routing_key", routingKey)];
}
