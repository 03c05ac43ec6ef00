using RabbitMQ.Client;

namespace PayeTonKawa.Messaging;

/// <summary>
/// The RabbitMQ topology, declared idempotently by each service at start-up.
/// <list type="bullet">
/// <item>One durable <c>topic</c> exchange, <c>payetonkawa</c> (legacy): publishers don't know who listens, each
/// consumer binds the routing keys it needs (<c>client.deleted</c>, <c>commande.*</c>…).</item>
/// <item>Consumer queues are <b>quorum</b> queues: replicated and durable, and they count redeliveries themselves
/// (<c>x-delivery-limit</c>), so a message that keeps failing is dead-lettered after a bounded number of attempts
/// instead of looping forever, without any bookkeeping in the consumer.</item>
/// <item>Each queue has its own dead-letter queue <c>&lt;queue&gt;.dlq</c> (through the default exchange), where an
/// operator sees failed messages and can replay them back to the queue.</item>
/// <item>Messages are persistent JSON, published with publisher confirms from the transactional outbox.</item>
/// </list>
/// </summary>
public static class Topology
{
    public const string Exchange = "payetonkawa";

    /// <summary>Deliveries of one message before it is dead-lettered (the first one included).</summary>
    public const int DeliveryLimit = 5;

    public static string DeadLetterQueue(string queue) => $"{queue}.dlq";

    public static Task DeclareExchangeAsync(IChannel channel, CancellationToken cancellationToken) =>
        channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);

    public static async Task DeclareQueueAsync(IChannel channel, string queue, IEnumerable<string> routingKeys, CancellationToken cancellationToken)
    {
        await DeclareExchangeAsync(channel, cancellationToken);
        await channel.QueueDeclareAsync(DeadLetterQueue(queue), durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?>
            {
                ["x-queue-type"] = "quorum",
                ["x-delivery-limit"] = DeliveryLimit - 1,
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = DeadLetterQueue(queue),
            },
            cancellationToken: cancellationToken);
        foreach (var routingKey in routingKeys)
        {
            await channel.QueueBindAsync(queue, Exchange, routingKey, cancellationToken: cancellationToken);
        }
    }
}
