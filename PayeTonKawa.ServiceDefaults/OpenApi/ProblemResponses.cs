using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PayeTonKawa.ServiceDefaults.Http;

namespace PayeTonKawa.ServiceDefaults.OpenApi;

/// <summary>
/// One way an endpoint fails, shown in its OpenAPI document: the status, when it happens (in French) and, when the
/// answer is always the same, the exact problem details the endpoint answers (<paramref name="Detail"/>, and for a 422
/// the message of <paramref name="Field"/>), given as an example of the response.
/// </summary>
public sealed record ProblemCase(int Status, string When, string? Detail = null, string? Field = null, string? FieldMessage = null);

/// <summary>Documents the problem details an endpoint answers; metadata only, the endpoint behaves the same.</summary>
public static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    /// <summary>The endpoint answers <paramref name="status"/> with <paramref name="detail"/> when <paramref name="when"/>.</summary>
    public static TBuilder ProducesError<TBuilder>(this TBuilder builder, int status, string when, string? detail = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(
            new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ContentType]),
            new ProblemCase(status, when, detail));

    /// <summary>The endpoint answers 422 naming <paramref name="field"/> with <paramref name="message"/> when <paramref name="when"/>.</summary>
    public static TBuilder ProducesFieldError<TBuilder>(this TBuilder builder, string when, string field, string message)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(
            new ProducesResponseTypeMetadata(StatusCodes.Status422UnprocessableEntity, typeof(HttpValidationProblemDetails), [ContentType]),
            new ProblemCase(StatusCodes.Status422UnprocessableEntity, when, Messages.ValidationFailed, field, message));

    /// <summary>Requires an API key with <paramref name="scope"/>, and documents the 401 and 403 that refuse the others.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(scope)
            .ProducesError(StatusCodes.Status401Unauthorized, "Aucune clé API (ni en-tête X-API-Key, ni Authorization: Bearer).", Messages.ApiKeyMissing)
            .ProducesError(StatusCodes.Status403Forbidden, "Clé API inconnue.", Messages.ApiKeyInvalid)
            .ProducesError(StatusCodes.Status403Forbidden,
                $"Clé API valide sans la portée {scope} (ici, la clé nommée « {ExampleKeyName} »).", Messages.ApiKeyNotAllowed(ExampleKeyName));

    /// <summary>The key name used in the example of the scope refusal (the web shop's key in the README).</summary>
    public const string ExampleKeyName = "boutique-web";

    /// <summary>The scopes an endpoint requires (its authorization policies are named after them); none for a public one.</summary>
    internal static List<string> RequiredScopes(IEnumerable<object> endpointMetadata) =>
        [.. endpointMetadata.OfType<IAuthorizeData>().Select(data => data.Policy).OfType<string>().Distinct()];
}
