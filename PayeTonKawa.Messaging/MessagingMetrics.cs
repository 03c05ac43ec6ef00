using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PayeTonKawa.ServiceDefaults.Telemetry;

namespace PayeTonKawa.Messaging;

/// <summary>Message counts per routing key and queue, exported with the rest of the service's metrics.</summary>
public sealed class MessagingMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _published;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _waited;
    private readonly Histogram<int> _batchSize;
    private readonly ConcurrentDictionary<string, long> _queueDepths = new(StringComparer.Ordinal);
    private long _outboxBacklog;

    public MessagingMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(OpenTelemetryExtensions.SourceName);
        _published = _meter.CreateCounter<long>("payetonkawa.messages.published", description: "Événements publiés sur RabbitMQ (confirmés).");
        _consumed = _meter.CreateCounter<long>("payetonkawa.messages.consumed", description: "Messages traités et acquittés.");
        _retried = _meter.CreateCounter<long>("payetonkawa.messages.retried", description: "Messages en échec remis dans la file.");
        _deadLettered = _meter.CreateCounter<long>("payetonkawa.messages.dead_lettered", description: "Messages envoyés dans une file de lettres mortes.");
        _waited = _meter.CreateCounter<long>("payetonkawa.messages.waited",
            description: "Tentatives de traitement reportées parce que la base de données ou le courtier ne répondait pas (message gardé, jamais mis en lettre morte).");
        _batchSize = _meter.CreateHistogram<int>("payetonkawa.messages.batch_size", unit: "{message}",
            description: "Messages appliqués ensemble dans une même transaction par un consommateur.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [2, 5, 10, 20, 50, 100] });
        _meter.CreateObservableGauge("payetonkawa.outbox.pending", () => Interlocked.Read(ref _outboxBacklog),
            description: "Événements en attente de publication dans l'outbox.");
        _meter.CreateObservableGauge("payetonkawa.queue.messages",
            () => _queueDepths.Select(depth => new Measurement<long>(depth.Value, new KeyValuePair<string, object?>("queue", depth.Key))),
            description: "Messages en attente dans chaque file consommée par le service (et sa file de lettres mortes).");
    }

    public void Published(string routingKey) => _published.Add(1, new KeyValuePair<string, object?>("routing_key", routingKey));

    public void Consumed(string queue, IEnumerable<string> routingKeys)
    {
        foreach (var group in routingKeys.CountBy(routingKey => routingKey))
        {
            _consumed.Add(group.Value, Tags(queue, group.Key));
        }
    }

    public void Retried(string queue, string routingKey) => _retried.Add(1, Tags(queue, routingKey));

    public void DeadLettered(string queue, string routingKey) => _deadLettered.Add(1, Tags(queue, routingKey));

    public void Waited(string queue, string routingKey) => _waited.Add(1, Tags(queue, routingKey));

    public void Batch(string queue, int size) => _batchSize.Record(size, new KeyValuePair<string, object?>("queue", queue));

    public void OutboxBacklog(long pending) => Interlocked.Exchange(ref _outboxBacklog, pending);

    /// <summary>The last sampled outbox backlog, as the <c>payetonkawa.outbox.pending</c> gauge reports it.</summary>
    public long OutboxPending => Interlocked.Read(ref _outboxBacklog);

    public void QueueDepth(string queue, uint messages) => _queueDepths[queue] = messages;

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?>[] Tags(string queue, string routingKey) =>
        [new("queue", queue), new("routing_key", routingKey)];
}
