using PayeTonKawa.ApiReference;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Contracts;

/// <summary>
/// <c>docs/API.md</c> is exactly what <c>tools/PayeTonKawa.ApiReference</c> renders from the committed OpenAPI documents
/// (which <c>OpenApiDriftTests</c> keeps equal to what the APIs serve) and from the code.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ApiReferenceTests
{
    [Fact]
    public void The_committed_api_reference_is_generated_from_the_openapi_documents() =>
        ContractFile.AssertUpToDate(ApiReferenceDocument.FilePath, ApiReferenceDocument.Render(ReferencedApis.Load(RepositoryRoot.Path())));
}
