using YamlDotNet.RepresentationModel;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>The manifests run the images the build publishes (as the SDK evaluates them), tagged by each overlay.</summary>
public sealed class ContainerImageTests
{
    /// <summary>Where CI pushes the images (the ContainerRegistry it gives dotnet publish).</summary>
    private const string ProductionRegistry = "ghcr.io/payetonkawa";

    /// <summary>The tag of the images built for kind (<c>-p:ContainerImageTags=dev</c>).</summary>
    private const string LocalTag = "dev";

    [Theory]
    [MemberData(nameof(Manifests.ApisOfEachOverlay), MemberType = typeof(Manifests))]
    public async Task Each_api_runs_its_own_image_with_the_overlays_tag(string overlay, string api)
    {
        var build = await BuildSettings.OfAsync(api);
        var container = Manifests.Render(overlay).Container(api);
        if (overlay == "staging")
        {
            // Registry and tag are set by scripts/deploy.sh for the commit it deploys (ImageSourceTests, DeployScriptTests).
            Assert.Equal(build.Repository, container.Image);
            return;
        }

        var (name, tag) = (container.Image[..container.Image.LastIndexOf(':')], container.Image[(container.Image.LastIndexOf(':') + 1)..]);

        if (overlay == "production")
        {
            Assert.Equal(($"{ProductionRegistry}/{build.Repository}", build.Version()), (name, tag));
        }
        else
        {
            Assert.Equal((build.Repository, LocalTag), (name, tag));
            // Loaded into the kind node, never pulled.
            Assert.Equal("IfNotPresent", container.ImagePullPolicy);
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.ApiNames), MemberType = typeof(Manifests))]
    public async Task The_base_names_each_image_without_registry_or_tag(string api)
    {
        var deployment = Kustomize.Render(Path.Combine(Manifests.Root, "base"))
            .Single(resource => Kustomize.Scalar(resource, "kind") == "Deployment" && Kustomize.Scalar(resource, "metadata", "name") == api);
        var container = Assert.Single((YamlSequenceNode)deployment["spec"]["template"]["spec"]["containers"]);

        Assert.Equal((await BuildSettings.OfAsync(api)).Repository, Kustomize.Scalar((YamlMappingNode)container, "image"));
    }
}
