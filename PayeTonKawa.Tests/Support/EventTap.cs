using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace PayeTonKawa.Tests.Support;

/// <summary>A received message, as a test sees it: routing key, parsed body and AMQP properties.</summary>
public sealed record TappedMessage(string RoutingKey, JsonElement Body, IReadOnlyBasicProperties Properties)
{
    public string? Header(string name) =>
        Properties.Headers?.TryGetValue(name, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), _ => value?.ToString() }
            : null;
}

/// <summary>
/// Listens on the real broker like any other subscriber: a private queue bound to the <c>payetonkawa</c> exchange,
/// collecting every message so that a test can wait for the event an HTTP call should have published.
/// </summary>
public sealed class EventTap : IAsyncDisposable
{
    private readonly ConcurrentQueue<TappedMessage> _messages = new();
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private EventTap(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static Task<EventTap> StartAsync(string connectionString, params string[] routingKeys) =>
        StartAsync(connectionString, durableQueue: null, routingKeys);

    /// <summary>
    /// With <paramref name="durableQueue"/>, the tap's queue survives a broker restart and the tap reconnects by itself,
    /// so it sees what is published after the broker comes back.
    /// </summary>
    public static async Task<EventTap> StartAsync(string connectionString, string? durableQueue, params string[] routingKeys)
    {
        var connection = await new ConnectionFactory
        {
            Uri = new Uri(connectionString),
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
        }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync("payetonkawa", ExchangeType.Topic, durable: true);
        var queue = durableQueue is null
            ? await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true)
            : await channel.QueueDeclareAsync(durableQueue, durable: true, exclusive: false, autoDelete: false);
        foreach (var routingKey in routingKeys.DefaultIfEmpty("#"))
        {
            await channel.QueueBindAsync(queue.QueueName, "payetonkawa", routingKey);
        }

        var tap = new EventTap(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            using var document = JsonDocument.Parse(delivery.Body);
            tap._messages.Enqueue(new TappedMessage(delivery.RoutingKey, document.RootElement.Clone(), new BasicProperties(delivery.BasicProperties)));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return tap;
    }

    public IReadOnlyCollection<TappedMessage> Messages => _messages;

    /// <summary>Waits for the first message with <paramref name="routingKey"/> that satisfies <paramref name="match"/>.</summary>
    public async Task<TappedMessage> WaitForAsync(string routingKey, Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var found = _messages.FirstOrDefault(message => message.RoutingKey == routingKey && match(message.Body));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No '{routingKey}' event matched within the delay; received: {string.Join(", ", _messages.Select(m => m.RoutingKey))}");
    }

    /// <summary>All messages with <paramref name="routingKey"/> that satisfy <paramref name="match"/>, after waiting <paramref name="settle"/>.</summary>
    public async Task<List<TappedMessage>> AllAsync(string routingKey, Func<JsonElement, bool> match, TimeSpan settle)
    {
        await Task.Delay(settle);
        return [.. _messages.Where(message => message.RoutingKey == routingKey && match(message.Body))];
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
