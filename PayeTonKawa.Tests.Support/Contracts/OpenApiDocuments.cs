using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PayeTonKawa.Tests.Contracts;

/// <summary>The committed OpenAPI documents of the three APIs, <c>docs/openapi/{api}.json</c>.</summary>
public static class OpenApiDocuments
{
    public static IReadOnlyList<string> Apis { get; } = ["clients", "produits", "commandes"];

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Keeps the French text readable in the committed file ("é", not "\u00E9"); the file is data, never HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string PathOf(string api) => $"docs/openapi/{api}.json";

    /// <summary>
    /// The document as committed: parsed and written again with 2-space indentation and a final newline, without
    /// <c>servers</c>, the only part that depends on where the API runs (the address of the request).
    /// </summary>
    public static string Normalize(string json)
    {
        var document = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException("The OpenAPI document is not a JSON object.");
        document.Remove("servers");
        return document.ToJsonString(Indented) + "\n";
    }

    /// <summary>The committed document of <paramref name="api"/>, parsed.</summary>
    public static JsonObject Load(string api) =>
        JsonNode.Parse(ContractFile.Read(PathOf(api)))?.AsObject() ?? throw new InvalidOperationException($"{PathOf(api)} is not a JSON object.");
}
