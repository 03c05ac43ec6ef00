using System.Text.Json.Nodes;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// Every object kubectl kustomize renders from base, local and production passes its official schema, strictly:
/// an unknown or misspelt field anywhere (a patch gone astray, a field of another version) fails here, not at the
/// apply on a cluster.
/// </summary>
public sealed class SchemaValidationTests
{
    private static readonly string[] Trees = ["base", .. Manifests.Overlays];

    public static TheoryData<string> RenderedTrees => [.. Trees];

    [Theory]
    [MemberData(nameof(RenderedTrees))]
    public void Every_rendered_object_passes_its_official_schema_strictly(string tree)
    {
        var objects = YamlJson.Objects(Kustomize.RenderYaml(Manifests.DirectoryOf(tree)));

        Assert.NotEmpty(objects);
        var errors = objects.SelectMany(resource => SchemaCatalog.Validate(resource)
            .Select(error => $"{resource["kind"]}/{resource["metadata"]?["name"]} {error}")).ToList();
        Assert.True(errors.Count == 0, $"{tree}:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public void An_unknown_field_in_a_pod_template_is_an_error()
    {
        var deployment = RenderedObject("production", "Deployment", "produits");
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolcy"] = "Always";

        Assert.Contains(SchemaCatalog.Validate(deployment), error => error.StartsWith("/spec/template/spec/containers/0", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_field_in_the_metadata_of_a_custom_resource_is_an_error()
    {
        var route = RenderedObject("production", "HTTPRoute", "payetonkawa-legacy-routes");
        route["metadata"]!["label"] = new JsonObject { ["team"] = "edge" };

        Assert.Contains(SchemaCatalog.Validate(route), error => error.StartsWith("/metadata", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ServiceMonitor", "payetonkawa-apis", "/spec/endpoints/0", "scrapeIntervall", "30s")]
    [InlineData("Cluster", "clients-db", "/spec", "instance", 3)]
    [InlineData("Gateway", "payetonkawa", "/spec/listeners/0", "hostnames", "api.payetonkawa.ouzfa.com")]
    [InlineData("ClientTrafficPolicy", "payetonkawa-edge", "/spec", "clientIpDetection", "xff")]
    public void An_unknown_field_in_an_operators_resource_is_an_error(string kind, string name, string at, string field, object value)
    {
        var resource = RenderedObject("production", kind, name);
        var parent = at.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Aggregate((JsonNode)resource, (node, segment) => int.TryParse(segment, out var index) ? node[index]! : node[segment]!);
        parent[field] = JsonValue.Create(value);

        Assert.Contains(SchemaCatalog.Validate(resource), error => error.StartsWith(at, StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_an_error()
    {
        var autoscaler = RenderedObject("production", "HorizontalPodAutoscaler", "clients");
        autoscaler["spec"]!["maxReplicas"] = "ten";

        Assert.Contains(SchemaCatalog.Validate(autoscaler), error => error.StartsWith("/spec/maxReplicas", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kind_without_a_schema_is_an_error_not_a_pass()
    {
        var unknown = new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w" } };

        Assert.Equal(["no schema for example.com/v1/Widget in deploy/schemas/index.json"], SchemaCatalog.Validate(unknown));
    }

    [Fact]
    public void Every_stored_schema_is_used_by_a_rendered_object()
    {
        var used = Trees.SelectMany(tree => YamlJson.Objects(Kustomize.RenderYaml(Manifests.DirectoryOf(tree))))
            .Select(resource => $"{resource["apiVersion"]}/{resource["kind"]}").ToHashSet(StringComparer.Ordinal);

        Assert.Empty(SchemaCatalog.Kinds.Except(used));
        Assert.All(SchemaCatalog.Kinds, key => Assert.True(File.Exists(Path.Combine(SchemaCatalog.Root, SchemaCatalog.FileOf(key)))));
    }

    private static JsonObject RenderedObject(string tree, string kind, string name) =>
        Assert.Single(YamlJson.Objects(Kustomize.RenderYaml(Manifests.DirectoryOf(tree))),
            resource => resource["kind"]?.GetValue<string>() == kind && resource["metadata"]?["name"]?.GetValue<string>() == name);
}
