using Aspire.Hosting.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
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
