using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Aspire.Hosting.Eventing;
using Aspire.Hosting.Lifecycle;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PayeTonKawa.AppHost;

/// <summary>
/// Watches every process and container while the run starts, keeping the last lines of each one's log; the first that
/// fails to start (<see cref="StartupWatch"/>) is reported with those lines and its hint, and the run is stopped.
/// </summary>
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
