using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace PayeTonKawa.ServiceDefaults.Telemetry;

public static class LoggingExtensions
{
    /// <summary>
    /// The log levels a service runs with unless its configuration says otherwise. They live here rather than in
    /// appsettings.json, which is found relative to the working directory: a service started from anywhere else ran
    /// with every EF Core command and every ASP.NET Core request start logged (seven lines per read), which cut its
    /// throughput several times over.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> DefaultLevels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = nameof(LogLevel.Information),
        ["Logging:LogLevel:Microsoft.AspNetCore"] = nameof(LogLevel.Warning),
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = nameof(LogLevel.Warning),
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = nameof(LogLevel.Warning),
    };

    // Console.Out flushes every 256 bytes: a request's log line took two or three writes to the kernel instead of one.
    private const int ConsoleBufferSize = 16 * 1024;

    /// <summary>Console logs as one JSON object per line (see <see cref="JsonLogFormatter"/>), next to the OpenTelemetry export.</summary>
    public static TBuilder AddJsonConsoleLogging<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        // First source, so that appsettings.json, the environment and the command line still override every level.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultLevels });
        WidenConsoleBuffer();

        builder.Logging.AddConsole(options => options.FormatterName = JsonLogFormatter.FormatterName);
        builder.Logging.AddConsoleFormatter<JsonLogFormatter, ConsoleFormatterOptions>();
        return builder;
    }

    private static int _consoleWidened;

    // Once per process, and only when the output goes to a pipe or a file (a container's log): a terminal keeps its own.
    private static void WidenConsoleBuffer()
    {
        if (Console.IsOutputRedirected && Interlocked.Exchange(ref _consoleWidened, 1) == 0)
        {
            Console.SetOut(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), ConsoleBufferSize) { AutoFlush = true });
        }
    }

    /// <summary>Request ids and one summary log line per request; first in the pipeline so that it sees every response.</summary>
    public static WebApplication UseRequestTracking(this WebApplication app)
    {
        app.UseMiddleware<RequestTrackingMiddleware>();
        return app;
    }
}
