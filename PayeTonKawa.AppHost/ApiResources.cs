using Microsoft.Extensions.Configuration;
using PayeTonKawa.AppHost.Dashboard;

namespace PayeTonKawa.AppHost;

public static class ApiResources
{
    /// <summary>
    /// Adds one API. When the system is run for real it listens on the legacy <paramref name="port"/> that the front
    /// ends and the Postman environment use. Under Aspire.Hosting.Testing (which sets <c>DcpPublisher:RandomizePorts</c>)
    /// or with <c>Api:FixedPorts=false</c> it gets a free port instead, so that tests never collide with a running system.
    /// <c>Api:Replicas</c> (default 1) runs that many instances, behind Aspire's proxy on that same port.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddApi<TProject>(
        this IDistributedApplicationBuilder builder,
        string name,
        int port,
        ApiKeyParameters apiKeys)
        where TProject : IProjectMetadata, new()
    {
        var randomizedPorts = builder.Configuration.GetValue("DcpPublisher:RandomizePorts", false);
        var fixedPorts = builder.Configuration.GetValue("Api:FixedPorts", !randomizedPorts);
        var replicas = builder.Configuration.GetValue("Api:Replicas", 1);
        if (replicas < 1)
        {
            throw new InvalidOperationException($"Api:Replicas doit être un nombre d'instances d'au moins 1 (reçu : {replicas}).");
        }

        // A single instance is not proxied on the fixed port: the API itself owns it, so nothing answers there before
        // the API does. Several instances need the proxy, which spreads the connections over them.
        var api = builder.AddProject<TProject>(name, options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(port: fixedPorts ? port : null, isProxied: !fixedPorts || replicas > 1)
            .WithReplicas(replicas)
            .WithHttpHealthCheck("/health")
            .WithApiReferenceLinks()
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithEnvironment("ApiKeys__LegacyKey", apiKeys.Legacy)
            .WithEnvironment("ApiKeys__Keys__prometheus__Key", apiKeys.Metrics)
            .WithEnvironment("ApiKeys__Keys__prometheus__Scopes__0", "metrics:read");
        return fixedPorts
            ? api.WithStartupHint($"vérifiez que le port {port} est libre (Api__FixedPorts=false donne à chaque API un port libre).")
            : api;
    }
}

/// <summary>
/// Secrets every API receives: the legacy full-access key, and the key Prometheus scrapes <c>/metrics</c> with
/// (scope <c>metrics:read</c> only). Development values live in appsettings.Development.json, never elsewhere.
/// </summary>
public sealed record ApiKeyParameters(IResourceBuilder<ParameterResource> Legacy, IResourceBuilder<ParameterResource> Metrics);
