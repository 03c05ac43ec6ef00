using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PayeTonKawa.ServiceDefaults.Telemetry;

/// <summary>
/// Gives every request its <see cref="RequestId"/> (response header, log scope, trace baggage that the outbox copies
/// onto the events the request causes) and writes one summary line when the request ends.
/// </summary>
public sealed partial class RequestTrackingMiddleware(RequestDelegate next, ILogger<RequestTrackingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = RequestId.From(context.Request);
        context.TraceIdentifier = requestId;
        // Set when the response starts: the exception handler clears the headers before writing its 500.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[RequestId.HeaderName] = requestId;
            return Task.CompletedTask;
        });

        var activity = Activity.Current;
        activity?.SetBaggage(RequestId.BaggageName, requestId);
        activity?.SetTag("http.request.id", requestId);

        using var scope = logger.BeginScope(new Dictionary<string, object?> { [JsonLogFormatter.RequestIdKey] = requestId });
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            LogRequest(
                logger,
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Response.StatusCode,
                Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1),
                context.User.Identity?.Name ?? "-",
                context.Connection.RemoteIpAddress?.ToString() ?? "-");
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Method} {Path} answered {StatusCode} in {DurationMs} ms (API key {ApiKey}, client {ClientAddress})")]
    private static partial void LogRequest(
        ILogger logger, string method, string path, int statusCode, double durationMs, string apiKey, string clientAddress,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
