using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;
using PayeTonKawa.ServiceDefaults.Security;
using Scalar.AspNetCore;

namespace PayeTonKawa.ServiceDefaults.OpenApi;

public static class OpenApiExtensions
{
    public static TBuilder AddApiDocumentation<TBuilder>(this TBuilder builder, ServiceIdentity identity)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOpenApi(options => options.AddSchemaTransformer(AddExample).AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = identity.Title,
                Version = identity.Version,
                Description = "API PayeTonKawa. Chaque route métier exige l'en-tête X-API-Key.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "Clé API fournie par PayeTonKawa.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [],
            });
            return Task.CompletedTask;
        }));
        return builder;
    }

    private static Task AddExample(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type.GetCustomAttributes(typeof(ExampleAttribute), inherit: false) is [ExampleAttribute example])
        {
            schema.Examples = [JsonNode.Parse(example.Json)!];
        }

        return Task.CompletedTask;
    }

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle("PayeTonKawa"));
        return app;
    }
}
