using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// The official schemas of deploy/schemas (Kubernetes 1.35 and the CRDs of the pinned operators; origins in
/// deploy/schemas/SOURCES.md), made strict as kubeconform's "strict" variants are: an object schema that lists its
/// properties and says nothing of others gets <c>additionalProperties: false</c>, unless Kubernetes keeps unknown
/// fields there (<c>x-kubernetes-preserve-unknown-fields</c>). An unknown or misspelt field is then an error, as the API
/// server's strict field validation (<c>kubectl apply --validate=strict</c>, the default) makes it.
/// </summary>
public static class SchemaCatalog
{
    private const string ObjectMeta = "meta/v1/ObjectMeta";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Index = new(() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Root, "index.json")))!);

    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Compiled = new(StringComparer.Ordinal);

    public static string Root => Path.Combine(RepositoryRoot.Path(), "deploy", "schemas");

    /// <summary>The kinds with a schema, as <c>apiVersion/kind</c> (<c>v1/Service</c>, <c>apps/v1/Deployment</c>).</summary>
    public static IEnumerable<string> Kinds => Index.Value.Keys.Where(key => key != ObjectMeta);

    /// <summary>The schema file of a kind, relative to deploy/schemas.</summary>
    public static string FileOf(string key) => Index.Value[key];

    /// <summary>The errors of a rendered object against the strict schema of its kind, and of its metadata against ObjectMeta.</summary>
    public static IReadOnlyList<string> Validate(JsonObject resource)
    {
        var key = $"{resource["apiVersion"]?.GetValue<string>()}/{resource["kind"]?.GetValue<string>()}";
        if (!Index.Value.ContainsKey(key) || key == ObjectMeta)
        {
            return [$"no schema for {key} in deploy/schemas/index.json"];
        }

        return [.. Errors(Schema(key), resource, ""),
            .. resource["metadata"] is JsonObject metadata ? Errors(Schema(ObjectMeta), metadata, "/metadata") : ["/metadata: missing"]];
    }

    /// <summary>The schema as stored, made strict: what <see cref="Validate"/> checks against.</summary>
    public static JsonNode StrictSchema(string key) =>
        Strict(JsonNode.Parse(File.ReadAllText(Path.Combine(Root, FileOf(key))))!);

    private static JsonSchema Schema(string key) =>
        Compiled.GetOrAdd(key, _ => new Lazy<JsonSchema>(() =>
            JsonSchema.Build(JsonSerializer.SerializeToElement(StrictSchema(key)), new BuildOptions { Dialect = Dialect.Draft202012 }))).Value;

    private static IEnumerable<string> Errors(JsonSchema schema, JsonNode instance, string prefix)
    {
        var results = schema.Evaluate(JsonSerializer.SerializeToElement(instance), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        return (results.Details ?? [results])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error =>
                $"{prefix}{detail.InstanceLocation}: {(error.Key.Length == 0 ? "unknown field" : $"{error.Key}: {error.Value}")}"))
            .Distinct();
    }

    private static JsonNode Strict(JsonNode schema)
    {
        switch (schema)
        {
            case JsonObject node:
                var keepsUnknown = node["x-kubernetes-preserve-unknown-fields"] is JsonValue keep && keep.GetValue<bool>();
                if (node["properties"] is JsonObject && !node.ContainsKey("additionalProperties") && !keepsUnknown)
                {
                    node["additionalProperties"] = false;
                }

                foreach (var child in node.Where(entry => entry.Key != "enum" && entry.Key != "default" && entry.Key != "example")
                    .Select(entry => entry.Value).OfType<JsonNode>().ToList())
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
}
