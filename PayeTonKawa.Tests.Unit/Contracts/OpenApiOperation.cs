namespace PayeTonKawa.Tests.Contracts;

/// <summary>One operation of an API's committed OpenAPI document: its method and its path template (<c>/orders/{id}</c>).</summary>
public sealed record OpenApiOperation(string Api, string Method, string Template)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private string[] Segments => Template.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>How many literal segments the template has: the more, the more specific (ASP.NET Core's precedence).</summary>
    public int Literals => Segments.Count(segment => !IsParameter(segment));

    /// <summary>Every operation of <c>docs/openapi/{api}.json</c>.</summary>
    public static IReadOnlyList<OpenApiOperation> Load(string api) =>
        [.. OpenApiDocuments.Load(api)["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(operation => Methods.Contains(operation.Key))
                .Select(operation => new OpenApiOperation(api, operation.Key.ToUpperInvariant(), path.Key)))];

    /// <summary>
    /// Whether a request's path fits this template: the same number of segments, each literal segment equal, and a
    /// parameter segment (<c>{id}</c>) filled by anything (a concrete value or a Postman variable).
    /// </summary>
    public bool Matches(PostmanRequest request)
    {
        var template = Segments;
        var path = request.Segments;
        return request.Api == Api && template.Length == path.Length
            && template.Zip(path).All(pair => IsParameter(pair.First) || pair.First == pair.Second);
    }

    public override string ToString() => $"{Method} {Template} ({Api})";

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}') && !segment.StartsWith("{{", StringComparison.Ordinal);
}
