using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>
/// Turns what the caller got wrong (unreadable JSON, a query value of the wrong type, a missing body, a value the
/// database refuses) into a French problem details instead of a 500. Everything else is left to the default handler.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception);
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static HttpValidationProblemDetails? Describe(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            Problem(StatusCodes.Status413PayloadTooLarge, Messages.BodyTooLarge),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            Problem(StatusCodes.Status415UnsupportedMediaType, Messages.UnsupportedMediaType),
        BadHttpRequestException { InnerException: JsonException json } => InvalidJson(json),
        BadHttpRequestException bad => InvalidRequest(bad),
        PostgresException { SqlState: var state } when IsDataException(state) =>
            Problem(StatusCodes.Status422UnprocessableEntity, Messages.InvalidValue),
        DbUpdateException { InnerException: PostgresException { SqlState: var state } } when IsDataException(state) =>
            Problem(StatusCodes.Status422UnprocessableEntity, Messages.InvalidValue),
        _ => null,
    };

    // Class 22: a value the database cannot store (numeric overflow, invalid character...).
    private static bool IsDataException(string sqlState) => sqlState.StartsWith("22", StringComparison.Ordinal);

    private static HttpValidationProblemDetails InvalidJson(JsonException json)
    {
        var problem = Problem(StatusCodes.Status422UnprocessableEntity, Messages.InvalidJson);
        var field = json.Path?.TrimStart('$').TrimStart('.');
        if (!string.IsNullOrEmpty(field))
        {
            problem.Errors[JsonConventions.ToFieldName(field)] = [Messages.InvalidJsonField];
        }

        return problem;
    }

    private static HttpValidationProblemDetails InvalidRequest(BadHttpRequestException bad)
    {
        if (BindFailure().Match(bad.Message) is { Success: true } binding)
        {
            var name = JsonConventions.ToFieldName(binding.Groups["name"].Value);
            var problem = Problem(StatusCodes.Status422UnprocessableEntity, Messages.InvalidParameter);
            problem.Errors[name] = [Messages.InvalidParameterValue(name, binding.Groups["value"].Value)];
            return problem;
        }

        if (MissingBody().IsMatch(bad.Message))
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, Messages.MissingBody);
        }

        if (MissingParameter().Match(bad.Message) is { Success: true } missing)
        {
            var name = JsonConventions.ToFieldName(missing.Groups["name"].Value);
            var problem = Problem(StatusCodes.Status422UnprocessableEntity, Messages.InvalidParameter);
            problem.Errors[name] = [Messages.MissingParameter(name)];
            return problem;
        }

        return Problem(bad.StatusCode == StatusCodes.Status400BadRequest ? StatusCodes.Status422UnprocessableEntity : bad.StatusCode,
            Messages.InvalidParameter);
    }

    private static HttpValidationProblemDetails Problem(int status, string detail) =>
        new() { Status = status, Detail = detail };

    [GeneratedRegex("""Failed to bind parameter "\S+ (?<name>[^"]+)" from "(?<value>[^"]*)".""")]
    private static partial Regex BindFailure();

    [GeneratedRegex("""(no body was provided|was not provided from body)""")]
    private static partial Regex MissingBody();

    [GeneratedRegex("""Required parameter "\S+ (?<name>[^"]+)" was not provided""")]
    private static partial Regex MissingParameter();
}
