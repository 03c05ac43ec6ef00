using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using PayeTonKawa.ServiceDefaults.Data;

namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>
/// A request that fails because the database (or the broker) did not answer within the retry budget gets a French 503
/// with <c>Retry-After</c>, not a 500: nothing was written (each write is one transaction) and the same request can be
/// sent again once the dependency is back.
/// </summary>
public sealed class UnavailableExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!TransientFaults.IsTransient(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        RetryAfter.Write(httpContext.Response, RetryDelay);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Detail = Messages.Unavailable },
            Exception = exception,
        });
    }
}
