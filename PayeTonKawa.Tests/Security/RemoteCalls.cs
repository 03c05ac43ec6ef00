using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PayeTonKawa.Tests.Security;

/// <summary>Calls to an in-memory API from a given network address (which an <see cref="HttpClient"/> cannot choose).</summary>
public static class RemoteCalls
{
    public static Task<HttpContext> GetFromAsync<T>(
        this WebApplicationFactory<T> factory, string path, string remoteAddress, string? forwardedFor = null, string? apiKey = null)
        where T : class =>
        factory.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
            if (forwardedFor is not null)
            {
                context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }

            if (apiKey is not null)
            {
                context.Request.Headers["X-API-Key"] = apiKey;
            }
        });
}
