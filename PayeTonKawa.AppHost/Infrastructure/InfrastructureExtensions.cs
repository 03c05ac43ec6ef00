using Microsoft.Extensions.Configuration;
using PayeTonKawa.AppHost.LocalServers;

namespace PayeTonKawa.AppHost.Infrastructure;

public static class InfrastructureExtensions
{
    private static readonly string[] ConnectionNames = ["clientsdb", "produitsdb", "commandesdb", "messaging"];

    /// <summary>
    /// Declares PostgreSQL (three databases) and RabbitMQ from the source that fits this machine: existing servers when
    /// their connection strings are configured, containers when a runtime answers, the local binaries otherwise.
    /// <c>Infrastructure:Mode</c> forces one.
    /// </summary>
    public static InfrastructureResources AddInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var mode = builder.Configuration.GetValue<InfrastructureMode?>("Infrastructure:Mode") ?? Detect(builder.Configuration);
        return mode switch
        {
            InfrastructureMode.Existing => AddExisting(builder),
            InfrastructureMode.Containers => AddContainers(builder),
            _ => builder.AddLocalServers(),
        };
    }

    private static InfrastructureMode Detect(IConfiguration configuration)
    {
        if (ConnectionNames.All(name => !string.IsNullOrWhiteSpace(configuration.GetConnectionString(name))))
        {
            return InfrastructureMode.Existing;
        }

        return ContainerRuntime.IsAvailable() ? InfrastructureMode.Containers : InfrastructureMode.Local;
    }

    private static InfrastructureResources AddExisting(IDistributedApplicationBuilder builder) => new(
        builder.AddConnectionString("clientsdb"),
        builder.AddConnectionString("produitsdb"),
        builder.AddConnectionString("commandesdb"),
        builder.AddConnectionString("messaging"));

    private static InfrastructureResources AddContainers(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres").WithDataVolume();
        var messaging = builder.AddRabbitMQ("messaging").WithManagementPlugin().WithDataVolume()
            .WithEnvironment(BrokerScheduling.EnvironmentVariable, BrokerScheduling.ErlangArguments);
        return new InfrastructureResources(
            postgres.AddDatabase("clientsdb"),
            postgres.AddDatabase("produitsdb"),
            postgres.AddDatabase("commandesdb"),
            messaging);
    }
}
