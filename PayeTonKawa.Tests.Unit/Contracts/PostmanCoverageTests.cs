namespace PayeTonKawa.Tests.Contracts;

/// <summary>
/// The Postman collection against the committed OpenAPI documents, without a server: every operation of each API's
/// document is sent by at least one request of the collection, and every request goes to an operation of its API's
/// document, except the few routes below that are outside the contract on purpose. Whether each request passes is the
/// job of <c>PostmanCollectionTests</c>, which runs the collection with newman against the system.
/// </summary>
[Trait("Category", "Unit")]
public sealed class PostmanCoverageTests
{
    /// <summary>Routes the collection calls that no OpenAPI document describes, each with the reason.</summary>
    private static readonly UndocumentedRoute[] Undocumented =
    [
        new("GET", "/alive", "sonde de vivacité (ServiceDefaults) pour Kubernetes, hors du contrat"),
        new("GET", "/openapi/v1.json", "le document OpenAPI lui-même"),
        new("GET", "/scalar", "la référence Scalar, page HTML tirée du document OpenAPI"),
        new("GET", "/metrics", "l'export Prometheus (portée metrics:read), décrit dans docs/OBSERVABILITE.md"),
        new("GET", "/route-inconnue", "route absente exprès : la collection vérifie la réponse 404"),
        new("PATCH", "/customers", "méthode non prévue exprès : la collection vérifie la réponse 405"),
    ];

    private static readonly Dictionary<string, IReadOnlyList<OpenApiOperation>> Operations =
        OpenApiDocuments.Apis.ToDictionary(api => api, OpenApiOperation.Load);

    private static readonly IReadOnlyList<PostmanRequest> Requests = PostmanCollection.Requests();

    public static TheoryData<string> Apis => [.. OpenApiDocuments.Apis];

    [Theory]
    [MemberData(nameof(Apis))]
    public void Every_operation_of_the_openapi_document_is_sent_by_a_request_of_the_collection(string api)
    {
        var sent = Requests.Select(Operation).OfType<OpenApiOperation>().ToHashSet();

        var missing = Operations[api].Where(operation => !sent.Contains(operation)).ToList();

        Assert.True(missing.Count == 0,
            $"{PostmanCollection.RelativePath} n'envoie aucune requête à {missing.Count} opération(s) de {OpenApiDocuments.PathOf(api)} "
            + $"({Operations[api].Count} en tout) :{Environment.NewLine}" + string.Join(Environment.NewLine, missing.Select(operation => $"- {operation}")));
    }

    [Fact]
    public void Every_request_of_the_collection_goes_to_a_documented_operation_of_its_api()
    {
        var strays = Requests.Where(request => Operation(request) is null && !Undocumented.Any(route => route.Matches(request))).ToList();

        Assert.True(Requests.Count > 0, $"{PostmanCollection.RelativePath} ne contient aucune requête.");
        Assert.True(strays.Count == 0,
            $"{strays.Count} requête(s) de {PostmanCollection.RelativePath} vont à une route qu'aucun document OpenAPI de leur API ne décrit "
            + $"(documenter la route, corriger la requête, ou l'ajouter aux exceptions avec sa raison) :{Environment.NewLine}"
            + string.Join(Environment.NewLine, strays.Select(request => $"- {request}")));
    }

    [Fact]
    public void Each_exception_is_still_sent_and_still_undocumented()
    {
        var unused = Undocumented.Where(route => !Requests.Any(route.Matches)).ToList();
        var documented = Undocumented
            .Where(route => Operations.Values.SelectMany(operations => operations).Any(operation => operation.Method == route.Method && operation.Template == route.Path))
            .ToList();

        Assert.True(unused.Count == 0 && documented.Count == 0,
            "Exceptions à retirer de la liste :" + Environment.NewLine
            + string.Join(Environment.NewLine, unused.Select(route => $"- {route} : plus aucune requête de la collection ne l'envoie")
                .Concat(documented.Select(route => $"- {route} : un document OpenAPI la décrit désormais"))));
    }

    /// <summary>
    /// The operation a request reaches, as ASP.NET Core routing picks it: among the operations of its API with its
    /// method whose template fits its path, the most specific (<c>/customers/login</c> before <c>/customers/{id}</c>).
    /// </summary>
    private static OpenApiOperation? Operation(PostmanRequest request) =>
        Operations.TryGetValue(request.Api, out var operations)
            ? operations.Where(operation => operation.Method == request.Method && operation.Matches(request))
                .OrderByDescending(operation => operation.Literals)
                .FirstOrDefault()
            : null;

    private sealed record UndocumentedRoute(string Method, string Path, string Reason)
    {
        public bool Matches(PostmanRequest request) => request.Method == Method && request.Path == Path;

        public override string ToString() => $"{Method} {Path} ({Reason})";
    }
}
