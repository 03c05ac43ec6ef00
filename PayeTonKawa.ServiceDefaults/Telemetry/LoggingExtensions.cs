using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace PayeTonKawa.ServiceDefaults.Telemetry;

public static class LoggingExtensions
{
    /// <summary>Console logs as one JSON object per line (see <see cref="JsonLogFormatter"/>), next to the OpenTelemetry export.</summary>
    public static TBuilder AddJsonConsoleLogging<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddConsole(options => options.FormatterName = JsonLogFormatter.FormatterName);
        builder.Logging.AddConsoleFormatter<JsonLogFormatter, ConsoleFormatterOptions>();
        return builder;
    }

    /// <summary>Request ids and one summary log line per request; first in the pipeline so that it sees every response.</summary>
    public static WebApplication UseRequestTracking(this WebApplication app)
    {
        app.UseMiddleware<RequestTrackingMiddleware>();
        return app;
    }
}
