using System.Globalization;
using System.Xml.Linq;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// What the build says about the API images (<c>dotnet publish -t:PublishContainer</c>), read from the MSBuild files:
/// the API's project file, then the repository's Directory.Build.* files.
/// </summary>
public static class BuildSettings
{
    /// <summary>
    /// The port of the .NET base images (<c>ASPNETCORE_HTTP_PORTS=8080</c>), which the APIs keep: the port the image
    /// exposes when the build does not declare a <c>ContainerPort</c> of its own.
    /// </summary>
    public const int AspNetImagePort = 8080;

    /// <summary>The image name: <c>ContainerRepository</c> of the API's build, or else the design's <c>payetonkawa-&lt;api&gt;</c>.</summary>
    public static string ContainerRepository(string api) =>
        Values(api, "ContainerRepository").FirstOrDefault() ?? $"payetonkawa-{api}";

    /// <summary>The port the API's image exposes: its <c>ContainerPort</c> items, or else the base image's.</summary>
    public static int ContainerPort(string api)
    {
        var ports = Files(api).SelectMany(file => file.Descendants().Where(element => element.Name.LocalName == "ContainerPort"))
            .Select(element => (string?)element.Attribute("Include") ?? element.Value)
            .Select(value => int.Parse(value, CultureInfo.InvariantCulture))
            .Distinct()
            .ToList();
        Assert.True(ports.Count <= 1, $"{api}: the image exposes several ports ({string.Join(", ", ports)}), the manifests expect one");
        return ports.Count == 1 ? ports[0] : AspNetImagePort;
    }

    /// <summary>The user the API's image runs as: its <c>ContainerUser</c>, or else the "app" user (1654) of the .NET images.</summary>
    public static long ContainerUser(string api)
    {
        var user = Values(api, "ContainerUser").FirstOrDefault() ?? "1654";
        Assert.True(long.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var uid),
            $"{api}: ContainerUser {user} is not numeric, so Kubernetes cannot check runAsNonRoot");
        return uid;
    }

    /// <summary>The version the images are tagged with (<c>$(Version)</c>).</summary>
    public static string Version => Values(null, "Version").First();

    private static IEnumerable<string> Values(string? api, string property) =>
        Files(api).SelectMany(file => file.Descendants().Where(element => element.Name.LocalName == property && element.Parent?.Name.LocalName == "PropertyGroup"))
            .Select(element => element.Value.Trim())
            .Select(value => value.Contains("$(", StringComparison.Ordinal)
                ? throw new InvalidOperationException($"{property} is computed ({value}): teach BuildSettings to evaluate it")
                : value);

    private static IEnumerable<XDocument> Files(string? api)
    {
        var root = RepositoryRoot.Path();
        var candidates = new List<string>();
        if (api is not null)
        {
            var project = "PayeTonKawa." + CultureInfo.InvariantCulture.TextInfo.ToTitleCase(api);
            candidates.Add(Path.Combine(root, project, project + ".csproj"));
            candidates.AddRange(Directory.GetFiles(Path.Combine(root, project), "*.props"));
            candidates.AddRange(Directory.GetFiles(Path.Combine(root, project), "*.targets"));
        }

        candidates.AddRange(["Directory.Build.props", "Directory.Build.targets"]);
        return candidates.Select(file => Path.Combine(root, file)).Where(File.Exists).Select(file => XDocument.Load(file));
    }
}
