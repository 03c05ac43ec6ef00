using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace PayeTonKawa.ServiceDefaults.Security;

public static class SecurityHeadersExtensions
{
    private const int HstsMaxAgeSeconds = 365 * 24 * 60 * 60;

    /// <summary>
    /// Adds <c>X-Content-Type-Options</c>, <c>X-Frame-Options</c>, <c>Referrer-Policy</c> and, outside Development and on
    /// HTTPS only, HSTS to every response. The headers are written when the response starts, so that they survive the
    /// exception handler clearing the response (problem details keep them too).
    /// No Content-Security-Policy: the APIs answer JSON, and the Scalar page needs inline scripts.
    /// </summary>
    public static WebApplication UseSecurityHeaderPolicy(this WebApplication app)
    {
        var policies = new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddFrameOptionsDeny()
            .AddReferrerPolicyNoReferrer();

        if (!app.Environment.IsDevelopment())
        {
            policies.AddStrictTransportSecurity(HstsMaxAgeSeconds, includeSubdomains: true, preload: false, "localhost", "127.0.0.1", "[::1]");
        }

        app.UseSecurityHeaders(policies);
        return app;
    }
}
