using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Aspire.Hosting.Eventing;
using Aspire.Hosting.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PayeTonKawa.AppHost;

public static class StartupFailures
{
    /// <summary>
    /// Stops the run, with a non-zero exit code, as soon as a resource fails to start, after saying on the console which
    /// one, the last lines of its log and what to check. Without it a failed resource leaves the resources that wait for
    /// it waiting forever, and nothing on the console says so.
    /// </summary>
    public static IDistributedApplicationBuilder StopOnStartupFailure(this IDistributedApplicationBuilder builder)
    {
        var outcome = new StartupOutcome();
        builder.Services.AddSingleton(outcome);
        // An eventing subscriber rather than a hosted service: the orchestrator's own hosted service does not return
        // before every resource has started, so a hosted service started after it would never see a failure.
        builder.Services.AddSingleton<IDistributedApplicationEventingSubscriber, StartupFailureMonitor>();
        // Once the failure is reported, the host's trace of its cancelled start ("Hosting failed to start") adds nothing.
        builder.Services.AddLogging(logging => logging.AddFilter(
            "Microsoft.Extensions.Hosting.Internal.Host", level => level >= LogLevel.Information && !outcome.Failed));
        return builder;
    }

    /// <summary>
    /// Runs the application until it stops; returns the exit code of the AppHost process: 1 when the run was stopped
    /// because a resource failed to start, 0 otherwise.
    /// </summary>
    public static int RunAndGetExitCode(this DistributedApplication app)
    {
        var outcome = app.Services.GetRequiredService<StartupOutcome>();
        try
        {
            app.Run();
        }
        catch (OperationCanceledException) when (outcome.Failed)
        {
            // Stopped while it was still starting: the failure is already reported.
        }

        return outcome.Failed ? 1 : 0;
    }

    /// <summary>What to check when this resource fails to start, printed after its log lines.</summary>
    public static IResourceBuilder<T> WithStartupHint<T>(this IResourceBuilder<T> builder, string hint)
        where T : IResource =>
        builder.WithAnnotation(new StartupHintAnnotation(hint));
}

/// <summary>Whether the run was stopped because a resource failed to start.</summary>
internal sealed class StartupOutcome
{
    private volatile bool _failed;

    public bool Failed
    {
        get => _failed;
        set => _failed = value;
    }
}

/// <summary>What to check when a resource fails to start.</summary>
public sealed record StartupHintAnnotation(string Hint) : IResourceAnnotation;

/// <summary>
/// The start of one resource instance, followed through its states. It failed to start when it ends (or cannot be
/// launched) before it has ever been running and healthy, unless it was asked to stop: a resource that was healthy and
/// later stops (stopped from the dashboard, killed, an outage) is a matter for the operator, not a failed start.
/// </summary>
public sealed class StartupWatch
{
    private bool _healthy;
    private bool _stopRequested;

    /// <summary>Takes the next state of the instance; true when it shows a failed start.</summary>
    public bool FailedToStart(string? state, HealthStatus? health)
    {
        if (state == KnownResourceStates.Stopping)
        {
            _stopRequested = true;
        }
        else if (state == KnownResourceStates.Starting)
        {
            _stopRequested = false;
        }
        else if (state == KnownResourceStates.Running && health == HealthStatus.Healthy)
        {
            _healthy = true;
        }

        var ended = state == KnownResourceStates.FailedToStart || state == KnownResourceStates.Exited || state == KnownResourceStates.Finished;
        return ended && !_healthy && !_stopRequested;
    }
}

internal sealed partial class StartupFailureMonitor(
    ResourceNotificationService notifications,
    ResourceLoggerService resourceLogs,
    StartupOutcome outcome,
    IHostApplicationLifetime lifetime,
    ILogger<StartupFailureMonitor> logger) : IDistributedApplicationEventingSubscriber, IAsyncDisposable
{
    private const int TailLength = 20;

    // The last lines of a process that just ended may still be on their way from the orchestrator.
    private static readonly TimeSpan LogGrace = TimeSpan.FromSeconds(2);

    private const string GenericHint = "lisez les lignes ci-dessus ; le journal complet de la ressource est dans le tableau de bord Aspire.";

    private readonly CancellationTokenSource _stop = new();
    private Task _watch = Task.CompletedTask;

    public Task SubscribeAsync(IDistributedApplicationEventing eventing, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        if (executionContext.IsRunMode)
        {
            eventing.Subscribe<BeforeStartEvent>((_, _) =>
            {
                _watch = WatchAsync(_stop.Token);
                return Task.CompletedTask;
            });
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        _stop.Dispose();
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var instances = new Dictionary<string, (StartupWatch Watch, LogTail Tail)>();
        var captures = new List<Task>();
        try
        {
            await foreach (var update in notifications.WatchAsync(watching.Token))
            {
                if (update.Resource is not (ProjectResource or ExecutableResource or ContainerResource))
                {
                    continue;
                }

                if (!instances.TryGetValue(update.ResourceId, out var instance))
                {
                    instance = (new StartupWatch(), new LogTail(TailLength));
                    instances.Add(update.ResourceId, instance);
                    captures.Add(instance.Tail.CaptureAsync(resourceLogs.WatchAsync(update.ResourceId), watching.Token));
                }

                if (instance.Watch.FailedToStart(update.Snapshot.State?.Text, update.Snapshot.HealthStatus)
                    && !lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    await Task.Delay(LogGrace, watching.Token);
                    outcome.Failed = true;
                    Report(update, instance.Tail.Lines());
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (watching.IsCancellationRequested)
        {
            // The run is stopping.
        }
        finally
        {
            await watching.CancelAsync();
            await Task.WhenAll(captures);
        }
    }

    private void Report(ResourceEvent update, IReadOnlyList<string> lines)
    {
        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"La ressource « {update.Resource.Name} » n'a pas pu démarrer (état {update.Snapshot.State?.Text}")
            .Append(update.Snapshot.ExitCode is { } exitCode ? string.Create(CultureInfo.InvariantCulture, $", code de sortie {exitCode}") : string.Empty)
            .AppendLine(") : le lancement s'arrête.");
        if (lines.Count == 0)
        {
            message.AppendLine("Son journal est vide.");
        }
        else
        {
            message.AppendLine("Dernières lignes de son journal :");
            foreach (var line in lines)
            {
                message.Append("    ").AppendLine(line);
            }
        }

        var hint = update.Resource.Annotations.OfType<StartupHintAnnotation>().LastOrDefault()?.Hint;
        message.Append("Piste : ").Append(hint is null ? GenericHint : $"{hint} Sinon, {GenericHint}");
        LogStartupFailure(logger, message.ToString());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Report}")]
    private static partial void LogStartupFailure(ILogger logger, string report);

    /// <summary>The last lines of one resource's log, kept as they arrive.</summary>
    private sealed partial class LogTail(int length)
    {
        private readonly Queue<string> _lines = new();
        private readonly Lock _lock = new();

        public async Task CaptureAsync(IAsyncEnumerable<IReadOnlyList<LogLine>> batches, CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var batch in batches.WithCancellation(cancellationToken))
                {
                    lock (_lock)
                    {
                        foreach (var line in batch)
                        {
                            _lines.Enqueue(Timestamp().Replace(line.Content, string.Empty, 1));
                            if (_lines.Count > length)
                            {
                                _lines.Dequeue();
                            }
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The run is stopping.
            }
        }

        public IReadOnlyList<string> Lines()
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }

        // The orchestrator prefixes each line of a process with the time it was written.
        [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T[\d:.]+Z?\s")]
        private static partial Regex Timestamp();
    }
}
