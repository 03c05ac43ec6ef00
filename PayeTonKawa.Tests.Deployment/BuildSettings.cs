using System.Collections.Concurrent;
using System.Globalization;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// What the build says about each API's image, as the .NET SDK evaluates it for <c>dotnet publish -t:PublishContainer</c>
/// (<see cref="ContainerSettings"/>), evaluated once per API for the whole run.
/// </summary>
public static class BuildSettings
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ContainerSettings>>> Evaluated = new();

    /// <summary>The image settings of API <paramref name="api"/> (clients, produits or commandes).</summary>
    public static Task<ContainerSettings> OfAsync(string api) =>
        Evaluated.GetOrAdd(api, name => new Lazy<Task<ContainerSettings>>(
            () => ContainerSettings.ComputeAsync("PayeTonKawa." + CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name)))).Value;

    /// <summary>The one port the image exposes.</summary>
    public static int Port(this ContainerSettings settings) =>
        int.Parse(Assert.Single(settings.Ports).Port, CultureInfo.InvariantCulture);

    /// <summary>The numeric user the image runs as (Kubernetes can only check runAsNonRoot against a number).</summary>
    public static long UserId(this ContainerSettings settings)
    {
        Assert.True(long.TryParse(settings.User, NumberStyles.None, CultureInfo.InvariantCulture, out var uid),
            $"ContainerUser {settings.User} is not numeric, so Kubernetes cannot check runAsNonRoot");
        return uid;
    }

    /// <summary>The version the images are tagged with.</summary>
    public static string Version(this ContainerSettings settings) => settings.Labels["org.opencontainers.image.version"];
}
