using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>An API of the AppHost as a deployment would see it: its environment in publish mode.</summary>
public sealed record AppHostApi(string Name, IReadOnlyDictionary<string, string> Environment, IReadOnlySet<string> SecretParameters)
{
    /// <summary>Whether <paramref name="variable"/> is given the value of a secret AppHost parameter (publish mode writes <c>{name.value}</c>).</summary>
    public bool IsSecret(string variable) =>
        SecretParameters.Any(parameter => Environment[variable] == $"{{{parameter}.value}}");
}

/// <summary>
/// The AppHost's model, built as <c>aspire publish</c> would (servers given as existing connection strings, so that
/// nothing starts): what each API receives is what a Kubernetes Deployment of it must provide.
/// </summary>
public static class AppHostModel
{
    public static async Task<IReadOnlyDictionary<string, AppHostApi>> ApisAsync()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PayeTonKawa_AppHost>(
        [
            "Infrastructure:Mode=Existing",
            "ConnectionStrings:clientsdb=Host=x;Database=clientsdb",
            "ConnectionStrings:produitsdb=Host=x;Database=produitsdb",
            "ConnectionStrings:commandesdb=Host=x;Database=commandesdb",
            "ConnectionStrings:messaging=amqp://x",
            "Parameters:legacy-api-key=x",
            "Parameters:metrics-api-key=y",
        ]);
        var secrets = builder.Resources.OfType<ParameterResource>().Where(parameter => parameter.Secret).Select(parameter => parameter.Name).ToHashSet();
        var apis = new Dictionary<string, AppHostApi>(StringComparer.Ordinal);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var configuration = await ExecutionConfigurationBuilder.Create(project)
                .WithEnvironmentVariablesConfig()
                .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), NullLogger.Instance, CancellationToken.None);
            apis[project.Name] = new AppHostApi(
                project.Name, configuration.EnvironmentVariables.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal), secrets);
        }

        return apis;
    }
}
