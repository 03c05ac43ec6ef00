using System.Text.Json.Nodes;

namespace PayeTonKawa.ApiReference;

/// <summary>One API as the reference describes it: its committed OpenAPI document and what that document cannot say.</summary>
/// <param name="Name">The Aspire resource and file name: clients, produits or commandes.</param>
/// <param name="Port">The port the AppHost gives it on a developer's machine.</param>
/// <param name="Document">Its committed OpenAPI document.</param>
/// <param name="Queues">The queues it consumes (their dead letters are what the admin routes handle).</param>
public sealed record ReferencedApi(string Name, int Port, JsonObject Document, IReadOnlyList<string> Queues)
{
    /// <summary>Where the committed OpenAPI document of <paramref name="api"/> lives, from the repository root.</summary>
    public static string DocumentPath(string api) => $"docs/openapi/{api}.json";
}
