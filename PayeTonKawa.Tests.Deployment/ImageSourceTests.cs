using k8s.Models;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>Where the pods get their images: one registry, owner and version set in one place, and the credentials to pull them.</summary>
public sealed class ImageSourceTests
{
    [Fact]
    public void Production_takes_the_three_images_from_one_registry_owner_and_version_set_by_the_overlay_alone()
    {
        var overlay = Kustomize.Load(Manifests.DirectoryOf("production"));
        var rendered = Manifests.Render("production");
        var images = Manifests.Apis.Select(api => rendered.Container(api).Image).ToList();

        var entries = Manifests.Apis.Select(api => Assert.Single(overlay.Images, image => image.Name == $"payetonkawa-{api}")).ToList();
        var owner = Assert.Single(entries.Select(entry => entry.NewName![..entry.NewName!.LastIndexOf('/')]).Distinct());
        Assert.Matches("^[a-z0-9.-]+\\.[a-z]+/[a-z0-9-]+$", owner);
        var tag = Assert.Single(entries.Select(entry => entry.NewTag).Distinct());
        Assert.Equal(Manifests.Apis.Select(api => $"{owner}/payetonkawa-{api}:{tag}"), images);
        // The base names no registry: only the overlay does.
        Assert.All(Manifests.Apis, api => Assert.Equal($"payetonkawa-{api}", Manifests.Render("base").Container(api).Image));
    }

    [Fact]
    public void Staging_leaves_registry_owner_and_tag_to_the_deployment_script()
    {
        var overlay = Kustomize.Load(Manifests.DirectoryOf("staging"));
        var rendered = Manifests.Render("staging");

        // scripts/deploy.sh sets them for the commit it deploys (DeployScriptTests): an entry here would be overwritten.
        Assert.Empty(overlay.Images);
        Assert.All(Manifests.Apis, api => Assert.Equal($"payetonkawa-{api}", rendered.Container(api).Image));
    }

    [Theory]
    [InlineData("production")]
    [InlineData("staging")]
    public void Deployed_pods_pull_with_the_registry_secret(string overlay)
    {
        var rendered = Manifests.Render(overlay);

        Assert.All(Manifests.Apis, api => Assert.Equal(["payetonkawa-registry"],
            (rendered.Deployment(api).Spec.Template.Spec.ImagePullSecrets ?? []).Select(secret => secret.Name)));
        Assert.Empty(rendered.All<V1Secret>());
    }

    [Fact]
    public void Locally_the_images_loaded_into_kind_are_used_as_they_are()
    {
        var rendered = Manifests.Render("local");

        Assert.All(Manifests.Apis, api =>
        {
            Assert.Equal($"payetonkawa-{api}:dev", rendered.Container(api).Image);
            Assert.Equal("IfNotPresent", rendered.Container(api).ImagePullPolicy);
        });
    }
}
