using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PayeTonKawa.AppHost.Dashboard;

/// <summary>The dashboard's buttons: each is offered only while its API answers its health check.</summary>
public static class DashboardCommands
{
    public static IResourceBuilder<ProjectResource> WithDashboardCommand(
        this IResourceBuilder<ProjectResource> api,
        string name,
        string displayName,
        string description,
        string icon,
        Func<ExecuteCommandContext, Task<ExecuteCommandResult>> execute,
        string? confirmation = null) =>
        api.WithCommand(name, displayName, execute, new CommandOptions
        {
            Description = description,
            IconName = icon,
            ConfirmationMessage = confirmation,
            UpdateState = context => context.ResourceSnapshot.HealthStatus == HealthStatus.Healthy
                ? ResourceCommandState.Enabled
                : ResourceCommandState.Disabled,
        });
}
