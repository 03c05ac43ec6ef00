using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Messaging;
using PayeTonKawa.Tests.Support;
using RabbitMQ.Client;

namespace PayeTonKawa.Tests.Contracts;

/// <summary>
/// The AsyncAPI document against what really goes through the broker: the APIs hosted in memory publish every routing
/// key, a subscriber of the whole exchange catches the messages, and each body, header table and set of AMQP
/// properties must match its channel's schemas — no field, header or property left undocumented. The queues, their
/// arguments and bindings must be those the services declare. The document is written by hand: a drift fails, and
/// <c>PAYETONKAWA_UPDATE_CONTRACTS=1</c> rewrites nothing.
/// </summary>
[Collection(TestCollection.Name)]
public sealed class AsyncApiContractTests(TestEnvironment env)
{
    private readonly AsyncApiDocument _document = AsyncApiDocument.Load();

    [Fact]
    public async Task Every_routing_key_goes_out_as_its_channel_documents()
    {
        await using var tap = await EventTap.StartAsync(env.Infrastructure.MessagingConnectionString);
        // Messages from a hand-made publisher (other tests' RawPublisher) have no AMQP type: only the relay's count.
        var published = (await EventScenario.RunAsync(env, tap)).Where(message => message.Properties.Type is not null).ToList();

        var problems = new List<string>();
        problems.AddRange(ContractDrift.Compare(_document.RoutingKeyChannels.Keys, published.Select(message => message.RoutingKey),
            "routing key published but without a channel", "channel never published by the scenario (stale, or the scenario misses it)"));

        foreach (var message in published.Where(message => _document.RoutingKeyChannels.ContainsKey(message.RoutingKey)))
        {
            problems.AddRange(Check(message));
        }

        foreach (var (routingKey, messages) in published.GroupBy(message => message.RoutingKey).Select(group => (group.Key, group.ToList())))
        {
            if (!_document.RoutingKeyChannels.ContainsKey(routingKey))
            {
                continue;
            }

            // A documented header that no message carries is stale.
            var headers = _document.MessageOf(routingKey)["headers"]!["properties"]!.AsObject().Select(header => header.Key);
            problems.AddRange(headers
                .Where(header => !messages.Any(message => message.Properties.Headers?.ContainsKey(header) == true))
                .Select(header => $"{routingKey}: documented header '{header}' is on none of the {messages.Count} message(s) caught"));
        }

        problems.AddRange(await SendersAsync());
        ContractDrift.AssertNone([.. problems.Distinct()], "the messages published on the broker");
    }

    [Fact]
    public async Task The_queues_documented_are_those_the_services_declare()
    {
        // Consumers declare their queues when they start: make sure the three APIs run.
        foreach (var api in new[] { env.Clients.CreateClient(), env.Produits.CreateClient(), env.Commandes.CreateClient() })
        {
            (await api.GetAsync("/alive")).EnsureSuccessStatusCode();
        }

        var problems = new List<string>();
        var declared = Registrations().ToList();
        var documented = _document.QueueChannels
            .Where(queue => queue.Value["bindings"]!["amqp"]!["x-arguments"]!["x-dead-letter-routing-key"] is not null)
            .ToDictionary(queue => queue.Key, queue => queue.Value, StringComparer.Ordinal);
        var deadLetterQueues = _document.QueueChannels.Keys.Except(documented.Keys, StringComparer.Ordinal).ToList();

        problems.AddRange(ContractDrift.Compare(documented.Keys, declared.Select(entry => entry.Registration.Queue),
            "queue consumed by a service but not documented", "queue documented but consumed by no service"));
        problems.AddRange(ContractDrift.Compare(deadLetterQueues, declared.Select(entry => Topology.DeadLetterQueue(entry.Registration.Queue)),
            "dead-letter queue declared but not documented", "dead-letter queue documented but declared by no service"));

        foreach (var (service, registration) in declared.Where(entry => documented.ContainsKey(entry.Registration.Queue)))
        {
            var channel = documented[registration.Queue];
            problems.AddRange(ContractDrift.Compare(
                AsyncApiDocument.BindingsOf(channel).Select(binding => $"{binding.Exchange} {binding.RoutingKey}"),
                registration.Handlers.Keys.Select(routingKey => $"{Topology.Exchange} {routingKey}"),
                $"{registration.Queue}: binding of the service not documented", $"{registration.Queue}: binding documented but not declared"));
            var receivers = _document.Operations.Where(operation => operation.Action == "receive" && operation.Channel == registration.Queue);
            problems.AddRange(ContractDrift.Compare(receivers.SelectMany(operation => operation.Services), [service],
                $"{registration.Queue}: consuming service not tagged on its receive operation", $"{registration.Queue}: receive operation tagged with a service that does not consume it"));
        }

        // What the node really has, as the management API shows it.
        using var management = env.Infrastructure.ManagementClient();
        foreach (var (name, channel) in _document.QueueChannels)
        {
            var queue = await management.GetFromJsonAsync<JsonObject>($"queues/%2F/{Uri.EscapeDataString(name)}");
            var amqp = channel["bindings"]!["amqp"]!;
            foreach (var flag in new[] { ("durable", "durable"), ("exclusive", "exclusive"), ("autoDelete", "auto_delete") })
            {
                if (amqp["queue"]![flag.Item1]!.GetValue<bool>() != queue![flag.Item2]!.GetValue<bool>())
                {
                    problems.Add($"{name}: {flag.Item1} is {queue[flag.Item2]} on the broker");
                }
            }

            if (!JsonNode.DeepEquals(amqp["x-arguments"], queue!["arguments"]))
            {
                problems.Add($"{name}: arguments on the broker are {queue["arguments"]!.ToJsonString()}, documented {amqp["x-arguments"]!.ToJsonString()}");
            }

            var bindings = (await management.GetFromJsonAsync<JsonArray>($"queues/%2F/{Uri.EscapeDataString(name)}/bindings"))!
                .Where(binding => binding!["source"]!.GetValue<string>().Length > 0)
                .Select(binding => $"{binding!["source"]} {binding["routing_key"]}");
            problems.AddRange(ContractDrift.Compare(AsyncApiDocument.BindingsOf(channel).Select(binding => $"{binding.Exchange} {binding.RoutingKey}"), bindings,
                $"{name}: binding on the broker not documented", $"{name}: binding documented but not on the broker"));
        }

        ContractDrift.AssertNone(problems, "the queues the services declare");
    }

    /// <summary>Body, headers and AMQP properties of one caught message against its channel.</summary>
    private IEnumerable<string> Check(TappedMessage message)
    {
        var documented = _document.MessageOf(message.RoutingKey);
        var body = JsonNode.Parse(message.Body.GetRawText())!;
        var what = $"{message.RoutingKey} {message.Properties.MessageId}";
        foreach (var error in AsyncApiDocument.Validate(documented["payload"]!, body))
        {
            yield return $"{what}: body {error} — body: {message.Body.GetRawText()}";
        }

        foreach (var error in AsyncApiDocument.Validate(documented["headers"]!, Headers(message.Properties)))
        {
            yield return $"{what}: headers {error}";
        }

        foreach (var error in AsyncApiDocument.Validate(documented["x-amqp-properties"]!, Properties(message.Properties)))
        {
            yield return $"{what}: AMQP properties {error}";
        }

        if (message.Properties.Type != documented["bindings"]!["amqp"]!["messageType"]!.GetValue<string>())
        {
            yield return $"{what}: AMQP type '{message.Properties.Type}' is not the documented messageType";
        }

        if (message.Properties.ContentType != documented["contentType"]!.GetValue<string>())
        {
            yield return $"{what}: content type '{message.Properties.ContentType}' is not the documented contentType";
        }

        if (body["event_id"]?.ToString() != message.Properties.MessageId)
        {
            yield return $"{what}: message_id differs from the body's event_id";
        }
    }

    /// <summary>Each service's send operations against the routing keys its outbox really published.</summary>
    private async Task<IEnumerable<string>> SendersAsync()
    {
        var sent = new Dictionary<string, List<string>>
        {
            ["clients"] = await OutboxAsync<ClientsDbContext>(env.Clients.Services),
            ["produits"] = await OutboxAsync<ProduitsDbContext>(env.Produits.Services),
            ["commandes"] = await OutboxAsync<CommandesDbContext>(env.Commandes.Services),
        };
        var documented = _document.Operations.Where(operation => operation.Action == "send").ToList();
        return sent.SelectMany(service => ContractDrift.Compare(
            documented.Where(operation => operation.Services.Contains(service.Key)).Select(operation => operation.Channel),
            service.Value,
            $"{service.Key} publishes it but has no send operation for it", $"{service.Key} has a send operation for it but published none"));
    }

    private static async Task<List<string>> OutboxAsync<TContext>(IServiceProvider services)
        where TContext : DbContext
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TContext>().Set<OutboxMessage>()
            .Where(message => message.SentAt != null).Select(message => message.RoutingKey).Distinct().ToListAsync();
    }

    private IEnumerable<(string Service, ConsumerRegistration Registration)> Registrations() =>
        new[] { ("clients", env.Clients.Services), ("produits", env.Produits.Services), ("commandes", env.Commandes.Services) }
            .SelectMany(api => api.Item2.GetServices<ConsumerRegistration>().Select(registration => (api.Item1, registration)));

    private static JsonObject Headers(IReadOnlyBasicProperties properties) =>
        new((properties.Headers ?? new Dictionary<string, object?>()).Select(header => KeyValuePair.Create(header.Key, header.Value switch
        {
            byte[] bytes => JsonValue.Create(Encoding.UTF8.GetString(bytes)),
            null => null,
            bool flag => JsonValue.Create(flag),
            long or int or short or byte or sbyte or uint or ushort => JsonValue.Create(Convert.ToInt64(header.Value, CultureInfo.InvariantCulture)),
            double or float or decimal => JsonValue.Create(Convert.ToDouble(header.Value, CultureInfo.InvariantCulture)),
            _ => (JsonNode?)JsonSerializer.SerializeToNode(header.Value?.ToString()),
        })));

    /// <summary>The AMQP basic properties that are set, with the names the management UI gives them.</summary>
    private static JsonObject Properties(IReadOnlyBasicProperties properties)
    {
        var set = new JsonObject();
        Add(properties.IsContentTypePresent(), "content_type", properties.ContentType);
        Add(properties.IsContentEncodingPresent(), "content_encoding", properties.ContentEncoding);
        Add(properties.IsDeliveryModePresent(), "delivery_mode", (int)properties.DeliveryMode);
        Add(properties.IsPriorityPresent(), "priority", properties.Priority);
        Add(properties.IsCorrelationIdPresent(), "correlation_id", properties.CorrelationId);
        Add(properties.IsReplyToPresent(), "reply_to", properties.ReplyTo);
        Add(properties.IsExpirationPresent(), "expiration", properties.Expiration);
        Add(properties.IsMessageIdPresent(), "message_id", properties.MessageId);
        Add(properties.IsTimestampPresent(), "timestamp", properties.Timestamp.UnixTime);
        Add(properties.IsTypePresent(), "type", properties.Type);
        Add(properties.IsUserIdPresent(), "user_id", properties.UserId);
        Add(properties.IsAppIdPresent(), "app_id", properties.AppId);
        Add(properties.IsClusterIdPresent(), "cluster_id", properties.ClusterId);
        return set;

        void Add<T>(bool present, string name, T value)
        {
            if (present)
            {
                set[name] = JsonValue.Create(value);
            }
        }
    }
}
