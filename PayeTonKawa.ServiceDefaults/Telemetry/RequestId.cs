using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace PayeTonKawa.ServiceDefaults.Telemetry;

/// <summary>The <c>X-Request-ID</c> a request is known by: the caller's when it is sane, a new one otherwise.</summary>
public static class RequestId
{
    public const string HeaderName = "X-Request-ID";
    public const int MaxLength = 100;

    /// <summary>Baggage item that carries the request id from the HTTP request to the events it causes.</summary>
    public const string BaggageName = "request_id";

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    /// <summary>
    /// A caller's id is kept only when it is short and made of safe characters, so that it cannot forge log lines,
    /// inject headers downstream or bloat the outbox.
    /// </summary>
    public static string From(HttpRequest request)
    {
        var candidate = request.Headers[HeaderName].ToString();
        return IsSane(candidate) ? candidate : Guid.NewGuid().ToString("N");
    }

    public static bool IsSane(string candidate) =>
        candidate.Length is > 0 and <= MaxLength && !candidate.AsSpan().ContainsAnyExcept(Allowed);
}
