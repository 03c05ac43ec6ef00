using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PayeTonKawa.AppHost;

namespace PayeTonKawa.Tests.Distributed;

/// <summary>
/// Which ends of a resource stop the whole run: only a start that failed, never the stop of a resource that was ready
/// (an operator's Stop command, a killed instance, an outage).
/// </summary>
[Trait("Category", "Unit")]
public sealed class StartupWatchTests
{
    [Fact]
    public void A_process_that_cannot_be_launched_is_a_failed_start() =>
        Assert.True(Follow((KnownResourceStates.Starting, null), (KnownResourceStates.FailedToStart, null)));

    [Theory]
    [InlineData("Exited")]
    [InlineData("Finished")]
    public void A_process_that_ends_before_it_was_ever_healthy_is_a_failed_start(string end) =>
        Assert.True(Follow(
            (KnownResourceStates.Waiting, null),
            (KnownResourceStates.Starting, null),
            (KnownResourceStates.Running, HealthStatus.Unhealthy),
            (end, null)));

    [Fact]
    public void A_process_that_ends_after_it_was_healthy_is_not_a_failed_start() =>
        Assert.False(Follow(
            (KnownResourceStates.Starting, null),
            (KnownResourceStates.Running, HealthStatus.Healthy),
            (KnownResourceStates.Running, HealthStatus.Unhealthy),
            (KnownResourceStates.Exited, null)));

    [Fact]
    public void A_process_stopped_on_purpose_while_it_starts_is_not_a_failed_start() =>
        Assert.False(Follow(
            (KnownResourceStates.Starting, null),
            (KnownResourceStates.Running, HealthStatus.Unhealthy),
            (KnownResourceStates.Stopping, null),
            (KnownResourceStates.Exited, null)));

    [Fact]
    public void A_process_started_again_after_a_stop_and_failing_is_a_failed_start() =>
        Assert.True(Follow(
            (KnownResourceStates.Running, HealthStatus.Unhealthy),
            (KnownResourceStates.Stopping, null),
            (KnownResourceStates.Exited, null),
            (KnownResourceStates.Starting, null),
            (KnownResourceStates.Exited, null)));

    /// <summary>Whether the last of these states shows a failed start.</summary>
    private static bool Follow(params (string State, HealthStatus? Health)[] states)
    {
        var watch = new StartupWatch();
        var failed = false;
        foreach (var (state, health) in states)
        {
            failed = watch.FailedToStart(state, health);
        }

        return failed;
    }
}
