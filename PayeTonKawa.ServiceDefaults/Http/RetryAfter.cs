using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>The <c>Retry-After</c> header (whole seconds, at least one) that goes with every 429.</summary>
public static class RetryAfter
{
    public static void Write(HttpResponse response, TimeSpan delay) =>
        response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public static Task WriteProblemAsync(HttpContext context, TimeSpan delay, string detail)
    {
        Write(context.Response, delay);
        return Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, detail);
    }
}
