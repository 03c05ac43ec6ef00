using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PayeTonKawa.ServiceDefaults.Security;

namespace PayeTonKawa.ServiceDefaults.Telemetry;

public static class OpenTelemetryExtensions
{
    /// <summary>Activity source and meter names shared by the PayeTonKawa services.</summary>
    public const string SourceName = "PayeTonKawa";

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(SourceName)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, SourceName)
                .AddAspNetCoreInstrumentation(options => options.Filter = IsNotProbe)
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            // The last export runs when the service stops: with the collector unreachable, the default 10 s (retried)
            // would hold a rolling update for nothing. A slower collector loses a batch, never the service's time.
            builder.Configuration[ExportTimeoutKey] ??= "3000";
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// The Prometheus scrape endpoint, <c>/metrics</c>. Not public: it needs an API key with the <c>metrics:read</c> scope
    /// (Prometheus sends it as <c>Authorization: Bearer</c>).
    /// </summary>
    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(Scopes.MetricsRead);
        return app;
    }

    public const string MetricsPath = "/metrics";

    /// <summary>The OpenTelemetry SDK's setting for where to export over OTLP; the export is on only when it is set.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The OpenTelemetry SDK's setting for the longest an OTLP export may take, in milliseconds.</summary>
    public const string ExportTimeoutKey = "OTEL_EXPORTER_OTLP_TIMEOUT";

    // Probes run every few seconds: tracing them would drown the useful traces.
    private static bool IsNotProbe(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/alive")
        && !context.Request.Path.StartsWithSegments(MetricsPath);
}
