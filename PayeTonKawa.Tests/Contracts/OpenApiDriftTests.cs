using System.Text.Json.Nodes;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Contracts;

/// <summary>
/// The OpenAPI documents committed in <c>docs/openapi/</c> are exactly what the APIs serve: a change of route, schema,
/// summary or status that is not reflected in the committed document fails the build.
/// </summary>
[Collection(TestCollection.Name)]
public sealed class OpenApiDriftTests(TestEnvironment env)
{
    public static TheoryData<string> Apis => new(OpenApiDocuments.Apis);

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task The_committed_document_is_what_the_api_serves(string api)
    {
        var served = await Anonymous(api).GetStringAsync("/openapi/v1.json");

        ContractFile.AssertUpToDate(OpenApiDocuments.PathOf(api), OpenApiDocuments.Normalize(served));
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void Every_reference_of_the_committed_document_resolves(string api)
    {
        var document = OpenApiDocuments.Load(api);

        var unresolved = References(document)
            .Where(reference => !reference.StartsWith("#/", StringComparison.Ordinal) || Resolve(document, reference) is null)
            .Distinct()
            .ToList();

        Assert.True(unresolved.Count == 0, $"unresolved references in {OpenApiDocuments.PathOf(api)}: {string.Join(", ", unresolved)}");
    }

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(property => property.Key == "$ref" && property.Value is JsonValue value
            ? [value.GetValue<string>()]
            : References(property.Value)),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };

    private static JsonNode? Resolve(JsonNode document, string reference) =>
        reference[2..].Split('/').Aggregate<string, JsonNode?>(document, (node, segment) =>
            node is JsonObject obj && obj.TryGetPropertyValue(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out var next) ? next : null);

    private HttpClient Anonymous(string api) => api switch
    {
        "clients" => env.Clients.CreateClient(apiKey: null),
        "produits" => env.Produits.CreateClient(apiKey: null),
        _ => env.Commandes.CreateClient(apiKey: null),
    };
}
