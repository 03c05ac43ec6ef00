using System.Runtime.CompilerServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PayeTonKawa.ServiceDefaults.Hosting;

/// <summary>
/// Background work run every <see cref="Interval"/> for the life of the service (samplers, purges). A run that fails
/// (database or broker down, schema not migrated yet) is logged at <paramref name="failureLevel"/> and the next tick
/// tries again; it never stops the service.
/// </summary>
public abstract partial class PeriodicWork(ILogger logger, LogLevel failureLevel) : BackgroundService
{
    protected ILogger Logger { get; } = logger;

    protected abstract TimeSpan Interval { get; }

    /// <summary>True to run once at start-up, before the first interval has passed (a gauge should not wait for it).</summary>
    protected virtual bool RunsAtStart => false;

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            if (RunsAtStart)
            {
                await RunSafelyAsync(stoppingToken);
            }

            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunSafelyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunOnceAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRunFailed(Logger, failureLevel, GetType().Name, exception.Message);
        }
    }

    [LoggerMessage(Message = "{Work} did not run this time: {Reason}")]
    private static partial void LogRunFailed(ILogger logger, LogLevel level, string work, string reason,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
