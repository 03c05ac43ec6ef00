using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using PayeTonKawa.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PayeTonKawa.Tests.Contracts;

/// <summary>
/// <c>docs/asyncapi/payetonkawa.yaml</c> read as JSON, with its local <c>$ref</c>s resolved, and the parts the drift
/// checks compare with the code: the routing keys published on the exchange, the queues the services consume, and who
/// sends or receives what (the service is the tag of each operation).
/// </summary>
internal sealed partial class AsyncApiDocument
{
    public const string RelativePath = "docs/asyncapi/payetonkawa.yaml";

    private AsyncApiDocument(JsonObject root)
    {
        Root = root;
        Resolved = (JsonObject)Resolve(root, root, depth: 0)!;
    }

    /// <summary>The document as written.</summary>
    public JsonObject Root { get; }

    /// <summary>The document with every local <c>$ref</c> replaced by what it points to.</summary>
    public JsonObject Resolved { get; }

    public static AsyncApiDocument Load() =>
        Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path(), RelativePath)));

    public static AsyncApiDocument Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return new AsyncApiDocument((JsonObject)ToJson(stream.Documents.Single().RootNode)!);
    }

    /// <summary>Channels whose AMQP binding is a routing key of the exchange, by routing key.</summary>
    public IReadOnlyDictionary<string, JsonObject> RoutingKeyChannels => ChannelsWhere("routingKey");

    /// <summary>Channels whose AMQP binding is a queue, by queue name.</summary>
    public IReadOnlyDictionary<string, JsonObject> QueueChannels => ChannelsWhere("queue");

    /// <summary>The one message of the channel of <paramref name="routingKey"/>.</summary>
    public JsonObject MessageOf(string routingKey) =>
        (JsonObject)Messages(RoutingKeyChannels[routingKey]).Single().Value;

    public static IEnumerable<KeyValuePair<string, JsonNode>> Messages(JsonObject channel) =>
        channel["messages"]?.AsObject().Select(entry => KeyValuePair.Create(entry.Key, entry.Value!)) ?? [];

    public IEnumerable<DocumentedOperation> Operations =>
        Resolved["operations"]!.AsObject().Select(entry =>
        {
            var operation = entry.Value!.AsObject();
            return new DocumentedOperation(
                entry.Key,
                operation["action"]!.GetValue<string>(),
                operation["channel"]!["address"]!.GetValue<string>(),
                [.. operation["tags"]!.AsArray().Select(tag => tag!["name"]!.GetValue<string>())],
                [.. operation["messages"]!.AsArray().Select(message => message!["name"]!.GetValue<string>())]);
        });

    /// <summary>The exchange bindings of a queue channel, as (exchange, routing key).</summary>
    public static IEnumerable<(string Exchange, string RoutingKey)> BindingsOf(JsonObject queueChannel) =>
        queueChannel["bindings"]!["amqp"]!["x-bindings"]!.AsArray()
            .Select(binding => (binding!["exchange"]!.GetValue<string>(), binding["routingKey"]!.GetValue<string>()));

    /// <summary>Errors of <paramref name="instance"/> against <paramref name="schema"/>, where an undocumented property is one.</summary>
    /// <remarks>
    /// Consumers are told to ignore unknown fields, so the document does not forbid them; the check does, so that every
    /// field really sent is documented.
    /// </remarks>
    public static IReadOnlyList<string> Validate(JsonNode schema, JsonNode instance)
    {
        var strict = Strict(schema.DeepClone());
        var compiled = JsonSchema.Build(JsonSerializer.SerializeToElement(strict), new BuildOptions { Dialect = Dialect.Draft07 });
        var results = compiled.Evaluate(
            JsonSerializer.SerializeToElement(instance),
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return [];
        }

        return [.. (results.Details ?? [results])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error =>
                $"{(detail.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: "
                + (error.Key.Length == 0 ? "not documented (a field, header or property the document lacks)" : $"{error.Key}: {error.Value}")))
            .Distinct()];
    }

    private Dictionary<string, JsonObject> ChannelsWhere(string kind) =>
        Resolved["channels"]!.AsObject()
            .Select(entry => entry.Value!.AsObject())
            .Where(channel => channel["bindings"]?["amqp"]?["is"]?.GetValue<string>() == kind)
            .ToDictionary(channel => channel["address"]!.GetValue<string>(), StringComparer.Ordinal);

    private static JsonNode Strict(JsonNode schema)
    {
        switch (schema)
        {
            case JsonObject node:
                if (node["properties"] is JsonObject && !node.ContainsKey("additionalProperties"))
                {
                    node["additionalProperties"] = false;
                }

                foreach (var child in node.Select(entry => entry.Value).OfType<JsonNode>().ToList())
                {
                    Strict(child);
                }

                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    Strict(item);
                }

                break;
        }

        return schema;
    }

    private static JsonNode? Resolve(JsonNode? node, JsonObject root, int depth)
    {
        if (depth > 32)
        {
            throw new InvalidOperationException($"{RelativePath}: $ref nested too deep (a cycle?).");
        }

        switch (node)
        {
            case JsonObject obj when obj["$ref"] is JsonValue reference:
                return Resolve(Pointer(root, reference.GetValue<string>()), root, depth + 1);
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = Resolve(value, root, depth);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Resolve(item, root, depth))]);
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>The node a local reference (<c>#/a/b</c>) points to.</summary>
    public static JsonNode Pointer(JsonObject root, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{RelativePath}: only local references are used, not '{reference}'.");
        }

        JsonNode? node = root;
        foreach (var segment in reference[2..].Split('/'))
        {
            var key = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node is JsonObject obj && obj.TryGetPropertyValue(key, out var child) ? child : null;
            if (node is null)
            {
                throw new InvalidOperationException($"{RelativePath}: '{reference}' points to nothing.");
            }
        }

        return node;
    }

    /// <summary>YAML to JSON with the YAML 1.2 core schema: unquoted true/false/null/numbers are typed, the rest are strings.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(entry =>
            KeyValuePair.Create(((YamlScalarNode)entry.Key).Value!, ToJson(entry.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain => Plain(scalar.Value ?? string.Empty),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? string.Empty),
        _ => throw new InvalidOperationException($"{RelativePath}: unexpected YAML node {node.NodeType} at {node.Start}."),
    };

    private static JsonNode? Plain(string value) => value switch
    {
        "" or "~" or "null" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when IntegerPattern().IsMatch(value) => JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture)),
        _ when FloatPattern().IsMatch(value) => JsonValue.Create(double.Parse(value, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value),
    };

    [GeneratedRegex("^-?(0|[1-9][0-9]*)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}

internal sealed record DocumentedOperation(string Id, string Action, string Channel, IReadOnlyList<string> Services, IReadOnlyList<string> Messages);
