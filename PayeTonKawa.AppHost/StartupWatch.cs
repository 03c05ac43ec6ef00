using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PayeTonKawa.AppHost;

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
