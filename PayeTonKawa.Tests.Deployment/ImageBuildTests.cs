using System.Diagnostics;
using System.Xml.Linq;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// The images of the three APIs, as the .NET SDK would build them: names, tags from the version and the commit, a
/// chiseled non-root ASP.NET base, one port, OCI labels with the source revision. This machine cannot pull the base
/// image, so what is checked is everything the SDK decides before it does.
/// </summary>
public sealed class ImageBuildTests
{
    public static TheoryData<string, string> Apis => new()
    {
        { "PayeTonKawa.Clients", "payetonkawa-clients" },
        { "PayeTonKawa.Produits", "payetonkawa-produits" },
        { "PayeTonKawa.Commandes", "payetonkawa-commandes" },
    };

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task Each_api_is_a_chiseled_non_root_image_with_one_port_tagged_with_its_version_and_commit(string project, string repository)
    {
        var settings = await ContainerSettings.ComputeAsync(project);
        var version = Version();
        var commit = await HeadCommitAsync();

        Assert.Equal(repository, settings.Repository);
        Assert.Equal($"mcr.microsoft.com/dotnet/aspnet:{TargetFrameworkVersion()}-noble-chiseled-extra", settings.BaseImage);
        Assert.True(int.TryParse(settings.User, out var uid) && uid != 0, $"numeric non-root user, got '{settings.User}'");
        var port = Assert.Single(settings.Ports);
        Assert.Equal(("8080", "tcp"), port);
        Assert.Equal(port.Port, settings.Environment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal([version, $"{version}-{commit[..7]}"], settings.Tags);
        Assert.Equal(commit, settings.Labels["org.opencontainers.image.revision"]);
        Assert.Equal(version, settings.Labels["org.opencontainers.image.version"]);
        Assert.Equal(repository, settings.Labels["org.opencontainers.image.title"]);
        Assert.Equal(settings.BaseImage, settings.Labels["org.opencontainers.image.base.name"]);
    }

    [Fact]
    public async Task A_tag_given_on_the_command_line_replaces_the_computed_ones()
    {
        var settings = await ContainerSettings.ComputeAsync("PayeTonKawa.Produits", "ContainerImageTags=dev");

        Assert.Equal(["dev"], settings.Tags);
    }

    private static string Version() =>
        XDocument.Load(Path.Combine(RepositoryRoot.Path(), "Directory.Build.props")).Descendants("Version").Single().Value;

    private static string TargetFrameworkVersion() =>
        XDocument.Load(Path.Combine(RepositoryRoot.Path(), "Directory.Build.props")).Descendants("TargetFramework").Single().Value["net".Length..];

    private static async Task<string> HeadCommitAsync()
    {
        var startInfo = new ProcessStartInfo("git", "rev-parse HEAD") { WorkingDirectory = RepositoryRoot.Path(), RedirectStandardOutput = true };
        using var git = Process.Start(startInfo)!;
        var commit = (await git.StandardOutput.ReadToEndAsync()).Trim();
        await git.WaitForExitAsync();
        Assert.Equal(40, commit.Length);
        return commit;
    }
}
