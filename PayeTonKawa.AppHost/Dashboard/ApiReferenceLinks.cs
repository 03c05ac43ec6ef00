namespace PayeTonKawa.AppHost.Dashboard;

public static class ApiReferenceLinks
{
    /// <summary>The API's Scalar reference and its OpenAPI document, as links on its resource in the dashboard.</summary>
    public static IResourceBuilder<ProjectResource> WithApiReferenceLinks(this IResourceBuilder<ProjectResource> api) =>
        api.WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/scalar", DisplayText = "Référence de l'API (Scalar)" })
            .WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/openapi/v1.json", DisplayText = "Document OpenAPI" });
}
