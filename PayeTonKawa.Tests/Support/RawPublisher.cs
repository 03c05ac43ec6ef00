using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace PayeTonKawa.Tests.Support;

/// <summary>Publishes hand-made messages on the <c>payetonkawa</c> exchange, as a misbehaving or repeating publisher would.</summary>
public static class RawPublisher
{
    public static async Task PublishAsync(string connectionString, string routingKey, object body, string? messageId = null)
    {
        await PublishAsync(connectionString, routingKey, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body)), messageId);
    }

    /// <summary>Publishes <paramref name="bodies"/> back to back on one channel, so that they reach a consumer together.</summary>
    public static async Task PublishBurstAsync(string connectionString, string routingKey, IEnumerable<object> bodies)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        var properties = new BasicProperties { ContentType = "application/json", Persistent = true };
        await Task.WhenAll(bodies.Select(body => channel.BasicPublishAsync(
            "payetonkawa", routingKey, mandatory: false, properties, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body))).AsTask()));
    }

    public static async Task PublishAsync(string connectionString, string routingKey, byte[] body, string? messageId = null)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        var properties = new BasicProperties { ContentType = "application/json", Persistent = true, MessageId = messageId };
        await channel.BasicPublishAsync("payetonkawa", routingKey, mandatory: false, properties, body);
    }
}
