using System.Text.Json.Nodes;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Contracts;

/// <summary>The customer's Postman collection, <c>postman/PayeTonKawa.postman_collection.json</c>, read as a list of requests.</summary>
public static class PostmanCollection
{
    public const string RelativePath = "postman/PayeTonKawa.postman_collection.json";

    private const string BaseUrlPrefix = "{{base_url_";

    /// <summary>Every request, in collection order, folders flattened (a folder's name is kept for the messages).</summary>
    public static IReadOnlyList<PostmanRequest> Requests()
    {
        var collection = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path(), RelativePath)))!.AsObject();
        var requests = new List<PostmanRequest>();
        Collect(collection["item"]!.AsArray(), "", requests);
        return requests;
    }

    private static void Collect(JsonArray items, string folder, List<PostmanRequest> requests)
    {
        foreach (var item in items.Select(node => node!.AsObject()))
        {
            var name = item["name"]!.GetValue<string>();
            if (item["item"] is JsonArray children)
            {
                Collect(children, folder.Length == 0 ? name : $"{folder} / {name}", requests);
                continue;
            }

            var request = item["request"]!;
            var (api, path) = Address(request["url"]!, $"{folder} / {name}");
            requests.Add(new PostmanRequest(folder, name, api, request["method"]!.GetValue<string>().ToUpperInvariant(), path));
        }
    }

    /// <summary>
    /// The API and the path of a request's URL. Postman and newman send the structured <c>host</c> and <c>path</c> when
    /// the URL has them (<c>raw</c> is then only what the editor shows), so those are read first.
    /// </summary>
    private static (string Api, string Path) Address(JsonNode url, string request)
    {
        string host, path;
        if (url is JsonObject structured && structured["host"] is JsonArray hosts && structured["path"] is JsonArray segments)
        {
            host = string.Join('.', hosts.Select(part => part!.GetValue<string>()));
            path = "/" + string.Join('/', segments.Select(segment => segment!.GetValue<string>()));
        }
        else
        {
            var raw = (url as JsonObject)?["raw"]?.GetValue<string>() ?? url.GetValue<string>();
            var end = raw.IndexOf("}}", StringComparison.Ordinal);
            host = end < 0 ? raw : raw[..(end + 2)];
            path = end < 0 ? "/" : raw[(end + 2)..].Split('?')[0];
        }

        if (!host.StartsWith(BaseUrlPrefix, StringComparison.Ordinal) || !host.EndsWith("}}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{request}: its address must start with a base URL variable ({BaseUrlPrefix}<api>}}}}), not «{host}».");
        }

        // ASP.NET Core routing treats /customers/ as /customers; the collection sends both forms on purpose.
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        return (host[BaseUrlPrefix.Length..^2], trimmed.Length == 0 ? "/" : trimmed);
    }
}
