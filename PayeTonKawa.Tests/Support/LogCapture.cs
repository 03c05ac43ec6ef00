using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PayeTonKawa.ServiceDefaults.Telemetry;

namespace PayeTonKawa.Tests.Support;

/// <summary>
/// A logger provider that writes through the services' own <see cref="JsonLogFormatter"/>, as the console does, and
/// keeps the lines: a test reads exactly what would have reached stdout. It obeys the host's log-level filters.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly JsonLogFormatter _formatter = new(TimeProvider.System);
    private IExternalScopeProvider? _scopes;

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Every line parsed as JSON (a line that is not JSON makes the parse, hence the test, fail).</summary>
    public IReadOnlyList<JsonElement> Entries => [.. _lines.Select(line => JsonDocument.Parse(line).RootElement)];

    public IReadOnlyList<JsonElement> ForRequest(string requestId) =>
        [.. Entries.Where(entry => entry.TryGetProperty("request_id", out var id) && id.GetString() == requestId)];

    /// <summary>Waits until a line satisfies <paramref name="predicate"/> (the summary line is written after the response).</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            foreach (var entry in Entries)
            {
                if (predicate(entry))
                {
                    return entry;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No such log line among:\n{string.Join('\n', _lines)}");
            }

            await Task.Delay(50);
        }
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var writer = new StringWriter();
            owner._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, writer);
            foreach (var line in writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries))
            {
                owner._lines.Enqueue(line);
            }
        }
    }
}
