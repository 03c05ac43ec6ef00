using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PayeTonKawa.ServiceDefaults.Health;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.ServiceDefaults.OpenApi;
using PayeTonKawa.ServiceDefaults.Security;
using PayeTonKawa.ServiceDefaults.Telemetry;

namespace PayeTonKawa.ServiceDefaults;

/// <summary>What every PayeTonKawa service gets the same way: telemetry, health, HTTP conventions, security, OpenAPI.</summary>
public static class Extensions
{
    /// <summary>The longest a service takes to exit once asked to stop (SIGTERM).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, ServiceIdentity identity)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton(TimeProvider.System);
        // Kubernetes allows 30 s after SIGTERM, 5 of which the pod's preStop hook spends: the whole shutdown (requests
        // in flight, messages in hand, last outbox pass) fits in what remains.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);

        builder.AddJsonConsoleLogging();
        builder.ConfigureOpenTelemetry();
        builder.Services.AddHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.AddHttpConventions();
        builder.AddRequestSizeLimits();
        builder.AddAllowedOrigins();
        builder.AddTrustedProxies();
        builder.AddApiKeySecurity();
        builder.AddRateLimits();
        builder.AddApiDocumentation(identity);

        return builder;
    }

    /// <summary>The middleware every service runs, in order, before its own endpoints.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseRequestTracking();
        app.UseSecurityHeaderPolicy();
        app.UseHttpConventions();
        app.UseRequestSizeLimits();
        app.UseAllowedOrigins();
        app.UseAuthentication();
        app.UseRateLimits();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The public endpoints every service exposes: welcome message, health, liveness and API reference.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapWelcome();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        app.MapApiDocumentation();
        return app;
    }
}
