using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Tests.Contracts;

/// <summary>
/// The hand-written AsyncAPI document against the code, without a broker: its references, the routing keys the
/// services define, and the coherence of queues, dead-letter queues and operations. The messages themselves are
/// checked on the real broker by <c>AsyncApiContractTests</c>.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class AsyncApiDocumentTests
{
    private static readonly Assembly[] Services =
        [typeof(ClientsDbContext).Assembly, typeof(ProduitsDbContext).Assembly, typeof(CommandesDbContext).Assembly];

    private readonly AsyncApiDocument _document = AsyncApiDocument.Load();

    [Fact]
    public void The_document_is_AsyncAPI_3_0_and_describes_the_payetonkawa_exchange()
    {
        var problems = new List<string>();
        if (_document.Root["asyncapi"]?.GetValue<string>() != "3.0.0")
        {
            problems.Add("asyncapi must be 3.0.0");
        }

        foreach (var (routingKey, channel) in _document.RoutingKeyChannels)
        {
            var exchange = channel["bindings"]!["amqp"]!["exchange"];
            if (exchange?["name"]?.GetValue<string>() != Topology.Exchange || exchange["type"]?.GetValue<string>() != "topic"
                || exchange["durable"]?.GetValue<bool>() != true || exchange["autoDelete"]?.GetValue<bool>() != false)
            {
                problems.Add($"{routingKey}: its channel must be bound to the durable topic exchange '{Topology.Exchange}'");
            }

            var messages = AsyncApiDocument.Messages(channel).ToList();
            if (messages.Count != 1)
            {
                problems.Add($"{routingKey}: one message per routing key, found {messages.Count}");
                continue;
            }

            var message = (JsonObject)messages[0].Value;
            if (message["name"]?.GetValue<string>() != routingKey)
            {
                problems.Add($"{routingKey}: the message name must be the routing key");
            }

            if (message["bindings"]?["amqp"]?["messageType"]?.GetValue<string>() != routingKey)
            {
                problems.Add($"{routingKey}: bindings.amqp.messageType must be the routing key (the relay puts it in the AMQP type property)");
            }

            if (message["contentType"]?.GetValue<string>() != "application/json")
            {
                problems.Add($"{routingKey}: contentType must be application/json");
            }

            foreach (var part in new[] { "payload", "headers", "x-amqp-properties" })
            {
                if (message[part] is not JsonObject)
                {
                    problems.Add($"{routingKey}: the message has no {part} schema");
                }
            }
        }

        foreach (var (id, operation) in _document.Root["operations"]!.AsObject())
        {
            var channel = operation!["channel"]!["$ref"]!.GetValue<string>();
            foreach (var message in operation["messages"]!.AsArray())
            {
                // AsyncAPI 3.0: an operation's messages are messages of its own channel.
                if (!message!["$ref"]!.GetValue<string>().StartsWith(channel + "/messages/", StringComparison.Ordinal))
                {
                    problems.Add($"operation {id}: {message["$ref"]} is not a message of {channel}");
                }
            }

            if (operation["tags"]!.AsArray().Count != 1)
            {
                problems.Add($"operation {id}: one tag, the service that sends or receives");
            }
        }

        ContractDrift.AssertNone(problems, "the AsyncAPI rules the checks rely on");
    }

    [Fact]
    public void The_routing_keys_documented_are_those_the_code_defines()
    {
        // Every routing key constant of the services (ClientEvents, ProduitEvents, CommandeEvents, StockEvents,
        // IncomingEvents…), published or consumed.
        var defined = Services
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(field => field is { IsLiteral: true } && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Where(value => RoutingKeyPattern().IsMatch(value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(defined);

        ContractDrift.AssertNone(
            [.. ContractDrift.Compare(_document.RoutingKeyChannels.Keys, defined,
                "routing key defined in the code but without a channel", "channel for a routing key the code does not define")],
            "the routing keys the services define");
    }

    [Fact]
    public void Each_queue_lists_the_messages_of_its_bindings_and_has_its_dead_letter_queue()
    {
        var problems = new List<string>();
        var queues = _document.QueueChannels;
        var consumed = queues.Where(queue => queue.Value["bindings"]!["amqp"]!["x-arguments"]!["x-dead-letter-routing-key"] is not null);
        foreach (var (name, channel) in consumed)
        {
            var arguments = channel["bindings"]!["amqp"]!["x-arguments"]!;
            var deadLetters = arguments["x-dead-letter-routing-key"]!.GetValue<string>();
            var expected = AsyncApiDocument.BindingsOf(channel).Select(binding => binding.RoutingKey).ToList();
            var messages = AsyncApiDocument.Messages(channel).Select(message => message.Value["name"]!.GetValue<string>()).ToList();
            problems.AddRange(ContractDrift.Compare(messages, expected,
                $"{name}: bound routing key without its message", $"{name}: message of a routing key the queue is not bound to"));
            if (deadLetters != Topology.DeadLetterQueue(name))
            {
                problems.Add($"{name}: x-dead-letter-routing-key must be {Topology.DeadLetterQueue(name)}");
            }

            if (!queues.TryGetValue(deadLetters, out var dlq))
            {
                problems.Add($"{name}: its dead-letter queue {deadLetters} has no channel");
            }
            else
            {
                problems.AddRange(ContractDrift.Compare(
                    AsyncApiDocument.Messages(dlq).Select(message => message.Value["name"]!.GetValue<string>()), messages,
                    $"{deadLetters}: message of {name} missing", $"{deadLetters}: message {name} never receives"));
            }

            var receivers = _document.Operations.Where(operation => operation.Action == "receive" && operation.Channel == name).ToList();
            if (receivers.Count != 1)
            {
                problems.Add($"{name}: one receive operation expected, found {receivers.Count}");
            }
            else
            {
                problems.AddRange(ContractDrift.Compare(receivers[0].Messages, messages,
                    $"operation {receivers[0].Id}: message of the queue not received", $"operation {receivers[0].Id}: message not in the queue"));
            }
        }

        foreach (var operation in _document.Operations.Where(operation => operation.Action == "send"))
        {
            if (!_document.RoutingKeyChannels.ContainsKey(operation.Channel))
            {
                problems.Add($"operation {operation.Id}: sends on {operation.Channel}, which is not a routing key of the exchange");
            }
        }

        ContractDrift.AssertNone(problems, "its own queues and operations");
    }

    [GeneratedRegex("^[a-z]+\\.[a-z_]+$")]
    private static partial Regex RoutingKeyPattern();
}
