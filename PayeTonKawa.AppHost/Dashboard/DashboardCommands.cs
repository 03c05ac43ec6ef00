using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PayeTonKawa.AppHost.Dashboard;

/// <summary>The dashboard's buttons: each calls its API with the key given, and is offered only while the API answers its health check.</summary>
public static class DashboardCommands
{
    public static IResourceBuilder<ProjectResource> WithDashboardCommand(
        this IResourceBuilder<ProjectResource> api,
        IResourceBuilder<ParameterResource> key,
        string name,
        string displayName,
        string description,
        string icon,
        Func<ApiCommandClient, CancellationToken, Task<ExecuteCommandResult>> run,
        string? confirmation = null) =>
        api.WithCommand(name, displayName, async context =>
        {
            using var client = await ApiCommandClient.ConnectAsync(api, key, context.CancellationToken);
            return await run(client, context.CancellationToken);
        }, new CommandOptions
        {
            Description = description,
            IconName = icon,
            ConfirmationMessage = confirmation,
            UpdateState = context => context.ResourceSnapshot.HealthStatus == HealthStatus.Healthy
                ? ResourceCommandState.Enabled
                : ResourceCommandState.Disabled,
        });
}
