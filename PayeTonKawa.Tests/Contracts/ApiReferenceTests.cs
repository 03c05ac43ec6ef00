using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Messaging;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Contracts;

/// <summary>
/// <c>docs/API.md</c> is exactly what <see cref="ApiReference"/> renders from the committed OpenAPI documents (which
/// <see cref="OpenApiDriftTests"/> keeps equal to what the APIs serve) and from the code.
/// </summary>
[Collection(TestCollection.Name)]
public sealed class ApiReferenceTests(TestEnvironment env)
{
    [Fact]
    public void The_committed_api_reference_is_generated_from_the_openapi_documents()
    {
        ReferencedApi[] apis =
        [
            new("clients", 8000, OpenApiDocuments.Load("clients"), Queues(env.Clients)),
            new("produits", 8001, OpenApiDocuments.Load("produits"), Queues(env.Produits)),
            new("commandes", 8002, OpenApiDocuments.Load("commandes"), Queues(env.Commandes)),
        ];

        ContractFile.AssertUpToDate(ApiReference.FilePath, ApiReference.Render(apis));
    }

    // The queues each API consumes, as it registers them (the dead-letter examples name one).
    private static string[] Queues<T>(WebApplicationFactory<T> api)
        where T : class =>
        [.. api.Services.GetServices<ConsumerRegistration>().Select(registration => registration.Queue)];
}
