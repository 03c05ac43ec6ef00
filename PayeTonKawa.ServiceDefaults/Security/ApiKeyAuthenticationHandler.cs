using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PayeTonKawa.ServiceDefaults.Http;

namespace PayeTonKawa.ServiceDefaults.Security;

/// <summary>
/// Authenticates the <c>X-API-Key</c> header. A missing key is challenged with 401, an unknown key with 403
/// (the legacy behaviour), a known key without the scope a route needs is forbidden with 403.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-API-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = PresentedKey();
        if (string.IsNullOrEmpty(key))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = store.Find(key);
        if (identity is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, identity.Name) };
        claims.AddRange(identity.Scopes.Select(scope => new Claim(Scopes.ClaimType, scope)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        PresentedKey() is not null
            ? WriteProblemAsync(StatusCodes.Status403Forbidden, Messages.ApiKeyInvalid)
            : WriteProblemAsync(StatusCodes.Status401Unauthorized, Messages.ApiKeyMissing);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, Messages.ApiKeyNotAllowed(Context.User.Identity?.Name));

    // Scrapers such as Prometheus can only send the key as a bearer token.
    private string? PresentedKey()
    {
        if (Request.Headers.TryGetValue(HeaderName, out var apiKey))
        {
            return apiKey.ToString();
        }

        var authorization = Request.Headers.Authorization.ToString();
        return authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? authorization[BearerPrefix.Length..].Trim() : null;
    }

    private const string BearerPrefix = "Bearer ";

    private Task WriteProblemAsync(int status, string detail)
    {
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = SchemeName;
        }

        return Problems.WriteAsync(Context, status, detail);
    }
}
