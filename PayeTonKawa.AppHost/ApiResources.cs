using Microsoft.Extensions.Configuration;
using PayeTonKawa.AppHost.Infrastructure;

namespace PayeTonKawa.AppHost;

public static class ApiResources
{
    /// <summary>
    /// Adds one API with its database and RabbitMQ. When the system is run for real it listens on the legacy
    /// <paramref name="port"/> that the front ends and the Postman environment use; with <c>Api:FixedPorts=false</c>
    /// (the tests) it gets a free one.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddApi<TProject>(
        this IDistributedApplicationBuilder builder,
        string name,
        int port,
        IResourceBuilder<IResourceWithConnectionString> database,
        InfrastructureResources infrastructure,
        IResourceBuilder<ParameterResource> legacyApiKey)
        where TProject : IProjectMetadata, new()
    {
        var fixedPorts = builder.Configuration.GetValue("Api:FixedPorts", true);

        var api = builder.AddProject<TProject>(name, options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(port: fixedPorts ? port : null, isProxied: !fixedPorts)
            .WithHttpHealthCheck("/health")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithEnvironment("ApiKeys__LegacyKey", legacyApiKey)
            .WithReference(database)
            .WithReference(infrastructure.Messaging);

        foreach (var server in infrastructure.Servers)
        {
            api.WaitFor(server);
        }

        return api;
    }
}
