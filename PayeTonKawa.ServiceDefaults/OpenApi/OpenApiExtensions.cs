using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.ServiceDefaults.Security;
using Scalar.AspNetCore;

namespace PayeTonKawa.ServiceDefaults.OpenApi;

public static class OpenApiExtensions
{
    public static TBuilder AddApiDocumentation<TBuilder>(this TBuilder builder, ServiceIdentity identity)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOpenApi(options => options
            .AddSchemaTransformer(AddExample)
            .AddSchemaTransformer(TypeStrings)
            .AddOperationTransformer(DescribeAccessAndErrors)
            .AddDocumentTransformer((document, _, _) =>
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

    // Strings go through PostgresSafeStringConverter, a custom converter: the schema exporter no longer knows they are
    // strings and leaves their schema empty (losing, for an optional one, its [Description] too). A string that may be
    // null (string?) is said so, as other nullable values are.
    private static Task TypeStrings(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
        {
            schema.Type = context.JsonPropertyInfo is { IsGetNullable: true } ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }

        if (schema.Description is null
            && context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: true) is [DescriptionAttribute description, ..])
        {
            schema.Description = description.Description;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Gives each operation its own security requirement: none for a public route (the document-wide one would say a key
    /// is needed), the API key with the scope it requires otherwise. Gives each error
    /// response its French description and, from the endpoint's <see cref="ProblemCase"/> metadata, the exact problem
    /// details it answers as examples. A route or query parameter that is not text answers 422 when its value does not
    /// convert (see <see cref="BadRequestExceptionHandler"/>): that case is added to every operation that has one.
    /// </summary>
    private static Task DescribeAccessAndErrors(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var scopes = ProblemResponses.RequiredScopes(metadata);
        operation.Security = scopes.Count == 0
            ? []
            : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = scopes }];

        var cases = metadata.OfType<ProblemCase>().ToList();
        if (TypedParameters(context) is [var first, ..] typed)
        {
            cases.Add(new ProblemCase(
                StatusCodes.Status422UnprocessableEntity,
                $"Paramètre {OneOf(typed)} d'un type incorrect (ici {first}=abc).",
                Messages.InvalidParameter,
                first,
                Messages.InvalidParameterValue(first, "abc")));
            operation.Responses ??= [];
            if (!operation.Responses.ContainsKey(Status(StatusCodes.Status422UnprocessableEntity)))
            {
                operation.Responses[Status(StatusCodes.Status422UnprocessableEntity)] = new OpenApiResponse
                {
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [ProblemResponses.ContentType] = new() { Schema = new OpenApiSchemaReference(nameof(HttpValidationProblemDetails), context.Document) },
                    },
                };
            }
        }

        foreach (var status in cases.GroupBy(problem => problem.Status))
        {
            if (operation.Responses is null || !operation.Responses.TryGetValue(Status(status.Key), out var declared) || declared is not OpenApiResponse response)
            {
                continue;
            }

            // The examples say when each of them is answered; the description keeps the cases without a fixed answer.
            var withoutExample = status.Where(problem => problem.Detail is null).Select(problem => problem.When).Distinct().ToList();
            response.Description = withoutExample.Count > 0 ? string.Join(" ", withoutExample) : Messages.TitleOf(status.Key) ?? response.Description;
            if (response.Content is null || !response.Content.TryGetValue(ProblemResponses.ContentType, out var found) || found is not OpenApiMediaType media)
            {
                continue;
            }

            foreach (var problem in status.Where(problem => problem.Detail is not null))
            {
                media.Examples ??= new Dictionary<string, IOpenApiExample>();
                media.Examples[problem.When] = new OpenApiExample { Summary = problem.When, Value = Body(problem) };
            }
        }

        return Task.CompletedTask;
    }

    private static string OneOf(List<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} ou {names[^1]}";

    private static string Status(int status) => status.ToString(CultureInfo.InvariantCulture);

    private static JsonObject Body(ProblemCase problem)
    {
        var body = new JsonObject
        {
            ["title"] = Messages.TitleOf(problem.Status),
            ["status"] = problem.Status,
            ["detail"] = problem.Detail,
        };
        if (problem.Field is not null)
        {
            body["errors"] = new JsonObject { [problem.Field] = new JsonArray(problem.FieldMessage) };
        }

        return body;
    }

    // The route and query parameters whose value must convert to a number or a boolean.
    private static List<string> TypedParameters(OpenApiOperationTransformerContext context) =>
        [.. context.Description.ParameterDescriptions
            .Where(parameter => parameter.Source == BindingSource.Path || parameter.Source == BindingSource.Query)
            .Where(parameter => parameter.Type is { } type && (Nullable.GetUnderlyingType(type) ?? type) != typeof(string))
            .Select(parameter => parameter.Name)
            .Distinct()];

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle("PayeTonKawa"));
        return app;
    }
}
