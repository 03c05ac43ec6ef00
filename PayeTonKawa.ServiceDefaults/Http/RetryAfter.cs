using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>The <c>Retry-After</c> header (whole seconds, at least one) that goes with every 429.</summary>
public static class RetryAfter
{
    public static void Write(HttpResponse response, TimeSpan delay) =>
        response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public static async Task WriteProblemAsync(HttpContext context, TimeSpan delay, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Write(context.Response, delay);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Detail = detail },
        });
    }
}
