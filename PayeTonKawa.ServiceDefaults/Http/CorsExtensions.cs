using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PayeTonKawa.ServiceDefaults.Security;

namespace PayeTonKawa.ServiceDefaults.Http;

public static class CorsExtensions
{
    private const string RequestIdHeader = "X-Request-ID";

    private static readonly string[] AllowedMethods = ["GET", "POST", "PUT", "DELETE"];
    private static readonly string[] AllowedHeaders = [ApiKeyAuthenticationHandler.HeaderName, "Content-Type", "Accept", RequestIdHeader];
    private static readonly string[] ExposedHeaders = [Page.TotalCountHeader, RequestIdHeader, "Location", "Retry-After"];

    /// <summary>Lets the browsers of the configured origins call the API (a default policy, answered before authentication).</summary>
    public static TBuilder AddAllowedOrigins<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<CorsSettings>()
            .BindSection(CorsSettings.SectionName)
            .Validate(settings => settings.Origins.All(IsOrigin),
                "Cors:AllowedOrigins doit contenir des origines de la forme http(s)://hôte[:port], sans chemin ni barre finale.")
            .ValidateOnStart();

        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<CorsSettings>>((cors, settings) =>
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins(settings.Value.Origins)
                .WithMethods(AllowedMethods)
                .WithHeaders(AllowedHeaders)
                .WithExposedHeaders(ExposedHeaders)
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return builder;
    }

    public static WebApplication UseAllowedOrigins(this WebApplication app)
    {
        app.UseCors();
        return app;
    }

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.PathAndQuery == "/"
        && uri.UserInfo.Length == 0
        && !origin.EndsWith('/');
}
