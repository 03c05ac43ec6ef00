using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PayeTonKawa.ServiceDefaults.Telemetry;

namespace PayeTonKawa.Tests.Observability;

/// <summary>The line format itself: typed attributes, exceptions, the innermost request id, no output for nothing.</summary>
[Trait("Category", "Unit")]
public sealed class JsonLogFormatterTests
{
    private readonly JsonLogFormatter _formatter = new(TimeProvider.System);

    [Fact]
    public void Structured_values_keep_their_json_type()
    {
        var state = new List<KeyValuePair<string, object?>>
        {
            new("Texte", "café"),
            new("Entier", 42L),
            new("Prix", 12.5m),
            new("Actif", true),
            new("Rien", null),
            new("Quand", new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero)),
            new("{OriginalFormat}", "ignored"),
        };

        var line = Write(state, "message");

        var attributes = line.GetProperty("attributes");
        Assert.Equal("café", attributes.GetProperty("Texte").GetString());
        Assert.Equal(42, attributes.GetProperty("Entier").GetInt64());
        Assert.Equal(12.5, attributes.GetProperty("Prix").GetDouble());
        Assert.True(attributes.GetProperty("Actif").GetBoolean());
        Assert.Equal(JsonValueKind.Null, attributes.GetProperty("Rien").ValueKind);
        Assert.Equal("2026-11-28T10:00:00+00:00", attributes.GetProperty("Quand").GetString());
        Assert.False(attributes.TryGetProperty("{OriginalFormat}", out _));
    }

    [Fact]
    public void An_exception_is_written_with_its_stack_and_the_innermost_request_id_wins()
    {
        var scopes = new LoggerExternalScopeProvider();
        using var outer = scopes.Push(new Dictionary<string, object?> { ["request_id"] = "http-1" });
        using var inner = scopes.Push(new Dictionary<string, object?> { ["request_id"] = "message-2" });
        Exception thrown;
        try
        {
            throw new InvalidOperationException("échec");
        }
        catch (InvalidOperationException exception)
        {
            thrown = exception;
        }

        var line = Write("state", "boom", LogLevel.Critical, thrown, scopes);

        Assert.Equal("critical", line.GetProperty("level").GetString());
        Assert.Equal("message-2", line.GetProperty("request_id").GetString());
        Assert.Contains("InvalidOperationException: échec", line.GetProperty("exception").GetString(), StringComparison.Ordinal);
        Assert.Contains(nameof(An_exception_is_written_with_its_stack_and_the_innermost_request_id_wins), line.GetProperty("exception").GetString(), StringComparison.Ordinal);
        Assert.False(line.TryGetProperty("attributes", out _));
    }

    [Fact]
    public void The_current_trace_is_on_the_line()
    {
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();

        var line = Write("state", "traced", LogLevel.Debug);

        Assert.Equal(activity.TraceId.ToHexString(), line.GetProperty("trace_id").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), line.GetProperty("span_id").GetString());
        Assert.Equal("debug", line.GetProperty("level").GetString());
    }

    [Fact]
    public void The_code_site_is_on_the_line_and_not_among_the_attributes()
    {
        var state = new List<KeyValuePair<string, object?>>
        {
            new("CommandeId", 12),
            new(CodeSite.FunctionKey, "CreateAsync"),
            new(CodeSite.FileKey, Path.Combine(CodeSite.SourceRoot, "PayeTonKawa.Commandes", "Orders", "OrdersEndpoints.cs")),
            new(CodeSite.LineKey, 87),
        };

        var line = Write(state, "created");

        Assert.Equal("CreateAsync", line.GetProperty("function").GetString());
        Assert.Equal("PayeTonKawa.Commandes/Orders/OrdersEndpoints.cs", line.GetProperty("file").GetString()!.Replace('\\', '/'));
        Assert.Equal(87, line.GetProperty("line").GetInt32());
        Assert.False(line.TryGetProperty("event_name", out _));
        var attributes = line.GetProperty("attributes");
        Assert.Equal(["CommandeId"], attributes.EnumerateObject().Select(attribute => attribute.Name));
    }

    [Fact]
    public void A_library_line_without_code_site_names_its_event()
    {
        using var writer = new StringWriter();

        _formatter.Write(
            new LogEntry<string>(LogLevel.Error, "Microsoft.EntityFrameworkCore.Database.Command", new EventId(20102, "Microsoft.EntityFrameworkCore.Database.Command.CommandError"), "state", null, (_, _) => "Failed executing DbCommand"),
            null, writer);

        var line = JsonDocument.Parse(writer.ToString()).RootElement;
        Assert.Equal("Microsoft.EntityFrameworkCore.Database.Command.CommandError", line.GetProperty("event_name").GetString());
        Assert.False(line.TryGetProperty("function", out _));
        Assert.False(line.TryGetProperty("attributes", out _));
    }

    [Fact]
    public void An_entry_without_message_nor_exception_writes_nothing()
    {
        using var writer = new StringWriter();

        _formatter.Write(new LogEntry<string>(LogLevel.Warning, "cat", default, "state", null, (_, _) => ""), null, writer);

        Assert.Equal("", writer.ToString());
    }

    private JsonElement Write<TState>(
        TState state, string message, LogLevel level = LogLevel.Information, Exception? exception = null, IExternalScopeProvider? scopes = null)
    {
        using var writer = new StringWriter();
        _formatter.Write(new LogEntry<TState>(level, "PayeTonKawa.Test", new EventId(7), state, exception, (_, _) => message), scopes, writer);
        var text = writer.ToString();
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Single(text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        var line = JsonDocument.Parse(text).RootElement;
        Assert.Equal(message, line.GetProperty("message").GetString());
        Assert.Equal(7, line.GetProperty("event_id").GetInt32());
        return line;
    }
}
