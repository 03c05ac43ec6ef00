using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace PayeTonKawa.ServiceDefaults.Telemetry;

/// <summary>
/// Writes each log entry as one JSON object on one line: <c>timestamp</c> (ISO-8601 UTC), <c>level</c>, <c>category</c>,
/// the code that wrote it (<c>function</c>, <c>file</c>, <c>line</c>: see <see cref="CodeSite"/>; a line of a library
/// names its <c>event_name</c> instead), <c>message</c>, <c>trace_id</c>, <c>span_id</c>, <c>request_id</c>,
/// <c>exception</c> (with its stack) and the entry's structured values under <c>attributes</c>.
/// </summary>
public sealed class JsonLogFormatter(TimeProvider time) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "payetonkawa-json";

    /// <summary>Scope key under which the request id travels (HTTP requests and consumed messages).</summary>
    public const string RequestIdKey = "request_id";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", LevelName(logEntry.LogLevel));
            json.WriteString("category", logEntry.Category);
            var hasCodeSite = WriteCodeSite(json, logEntry.State);
            json.WriteString("message", message);
            if (logEntry.EventId.Id != 0)
            {
                json.WriteNumber("event_id", logEntry.EventId.Id);
            }

            if (!hasCodeSite && logEntry.EventId.Name is { } eventName)
            {
                json.WriteString("event_name", eventName);
            }

            var activity = Activity.Current;
            if (activity is not null)
            {
                json.WriteString("trace_id", activity.TraceId.ToHexString());
                json.WriteString("span_id", activity.SpanId.ToHexString());
            }

            var requestId = FindRequestId(scopeProvider);
            if (requestId is not null)
            {
                json.WriteString(RequestIdKey, requestId);
            }

            if (logEntry.Exception is not null)
            {
                json.WriteString("exception", logEntry.Exception.ToString());
            }

            WriteAttributes(json, logEntry.State);
            json.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write(Environment.NewLine);
    }

    // The innermost scope wins: a consumed message's scope sits inside the host's own scope.
    private static string? FindRequestId(IExternalScopeProvider? scopeProvider)
    {
        string? requestId = null;
        scopeProvider?.ForEachScope((scope, _) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    if (key == RequestIdKey && value is not null)
                    {
                        requestId = value.ToString();
                    }
                }
            }
        }, (object?)null);
        return requestId;
    }

    private static bool WriteCodeSite<TState>(Utf8JsonWriter json, TState state)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            return false;
        }

        var found = false;
        foreach (var (key, value) in values)
        {
            switch (key, value)
            {
                case (CodeSite.FunctionKey, string function):
                    json.WriteString(CodeSite.FunctionKey, function);
                    found = true;
                    break;
                case (CodeSite.FileKey, string file):
                    json.WriteString(CodeSite.FileKey, CodeSite.RepositoryPath(file));
                    break;
                case (CodeSite.LineKey, int line):
                    json.WriteNumber(CodeSite.LineKey, line);
                    break;
            }
        }

        return found;
    }

    private static void WriteAttributes<TState>(Utf8JsonWriter json, TState state)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values || values.Count <= 1)
        {
            return;
        }

        var started = false;
        foreach (var (key, value) in values)
        {
            if (key == "{OriginalFormat}" || CodeSite.IsCodeSiteKey(key))
            {
                continue;
            }

            if (!started)
            {
                json.WriteStartObject("attributes");
                started = true;
            }

            switch (value)
            {
                case null:
                    json.WriteNull(key);
                    break;
                case bool flag:
                    json.WriteBoolean(key, flag);
                    break;
                case int or long or short or byte:
                    json.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case DateTimeOffset moment:
                    json.WriteString(key, moment);
                    break;
                case DateTime moment:
                    json.WriteString(key, moment);
                    break;
                case double or float or decimal:
                    json.WriteNumber(key, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
                default:
                    json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        if (started)
        {
            json.WriteEndObject();
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "information",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "none",
    };
}
