using YamlDotNet.RepresentationModel;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>The manifests run the images the build publishes (<c>ContainerRepository</c>), tagged by each overlay.</summary>
public sealed class ContainerImageTests
{
    /// <summary>Where CI pushes the images (the ContainerRegistry it gives dotnet publish).</summary>
    private const string ProductionRegistry = "ghcr.io/payetonkawa";

    /// <summary>The tag of the images built for kind (<c>-p:ContainerImageTags=dev</c>).</summary>
    private const string LocalTag = "dev";

    [Theory]
    [MemberData(nameof(Manifests.ApisOfEachOverlay), MemberType = typeof(Manifests))]
    public void Each_api_runs_its_own_image_with_the_overlays_tag(string overlay, string api)
    {
        var container = Manifests.Render(overlay).Container(api);
        var (name, tag) = (container.Image[..container.Image.LastIndexOf(':')], container.Image[(container.Image.LastIndexOf(':') + 1)..]);

        if (overlay == "production")
        {
            Assert.Equal(($"{ProductionRegistry}/{BuildSettings.ContainerRepository(api)}", BuildSettings.Version), (name, tag));
        }
        else
        {
            Assert.Equal((BuildSettings.ContainerRepository(api), LocalTag), (name, tag));
            // Loaded into the kind node, never pulled.
            Assert.Equal("IfNotPresent", container.ImagePullPolicy);
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.ApiNames), MemberType = typeof(Manifests))]
    public void The_base_names_each_image_without_registry_or_tag(string api)
    {
        var deployment = Kustomize.Render(Path.Combine(Manifests.Root, "base"))
            .Single(resource => Kustomize.Scalar(resource, "kind") == "Deployment" && Kustomize.Scalar(resource, "metadata", "name") == api);
        var container = Assert.Single((YamlSequenceNode)deployment["spec"]["template"]["spec"]["containers"]);

        Assert.Equal(BuildSettings.ContainerRepository(api), Kustomize.Scalar((YamlMappingNode)container, "image"));
    }
}
