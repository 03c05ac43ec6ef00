using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>Every file of deploy/kubernetes is used, is valid for the Kubernetes client, and holds no secret.</summary>
public sealed class ManifestFilesTests
{
    private static readonly string[] JsonPatchOperations = ["add", "replace", "remove"];

    [Fact]
    public void Every_file_is_listed_by_its_kustomization_and_every_listed_path_exists()
    {
        var files = Directory.GetFiles(Manifests.Root, "*", SearchOption.AllDirectories).Select(Path.GetFullPath).ToHashSet();
        var listed = new HashSet<string>();
        foreach (var kustomizationFile in files.Where(file => Path.GetFileName(file) == "kustomization.yaml"))
        {
            var directory = Path.GetDirectoryName(kustomizationFile)!;
            var kustomization = Kustomize.Load(directory);
            listed.Add(kustomizationFile);
            foreach (var entry in kustomization.Resources.Concat(kustomization.Components).Concat(kustomization.Patches.Select(patch => patch.Path)))
            {
                var path = Path.GetFullPath(Path.Combine(directory, entry));
                Assert.True(File.Exists(path) || File.Exists(Path.Combine(path, "kustomization.yaml")),
                    $"{Path.GetRelativePath(Manifests.Root, kustomizationFile)} lists {entry}, which does not exist");
                listed.Add(path);
            }
        }

        Assert.Empty(files.Except(listed).Select(file => Path.GetRelativePath(Manifests.Root, file)));
        Assert.All(Manifests.Overlays, overlay => Assert.True(File.Exists(Path.Combine(Manifests.Root, "overlays", overlay, "kustomization.yaml"))));
    }

    [Fact]
    public void Every_resource_and_patch_loads_with_the_kubernetes_client_and_its_kind_is_known()
    {
        var checkedFiles = 0;
        foreach (var (directory, kustomization) in AllKustomizations())
        {
            foreach (var file in kustomization.Resources.Select(entry => Path.Combine(directory, entry)).Where(File.Exists))
            {
                foreach (var document in Kustomize.Documents(File.ReadAllText(file)))
                {
                    AssertLoads(document, file);
                }

                checkedFiles++;
            }

            foreach (var patch in kustomization.Patches)
            {
                var yaml = File.ReadAllText(Path.Combine(directory, patch.Path));
                if (Kustomize.IsJson6902(yaml))
                {
                    AssertJsonPatch(yaml);
                }
                else
                {
                    AssertLoads(Kustomize.Documents(yaml).Single(), patch.Path);
                }

                checkedFiles++;
            }
        }

        Assert.True(checkedFiles > 0);
    }

    [Theory]
    [MemberData(nameof(Manifests.OverlayNames), MemberType = typeof(Manifests))]
    public void No_secret_is_committed_only_referenced(string overlay)
    {
        var rendered = Manifests.Render(overlay);

        Assert.Empty(rendered.All<V1Secret>());
        foreach (var api in Manifests.Apis)
        {
            // A credential, or a value composed from one, is never written out: it comes from a Secret or from $(VAR).
            foreach (var variable in rendered.Container(api).Env ?? [])
            {
                var sensitive = variable.Name.EndsWith("Key", StringComparison.Ordinal)
                    || variable.Name.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase)
                    || variable.Name.Contains("USERNAME", StringComparison.OrdinalIgnoreCase);
                if (sensitive)
                {
                    Assert.True(variable.ValueFrom?.SecretKeyRef is { Name.Length: > 0, Key.Length: > 0 }, $"{overlay}/{api}: {variable.Name} must come from a Secret");
                }

                Assert.DoesNotMatch(@"(?i)(password|pwd)=(?!\$\()", variable.Value ?? "");
                Assert.DoesNotMatch(@"://[^$/][^/]*@", variable.Value ?? "");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.OverlayNames), MemberType = typeof(Manifests))]
    public void Everything_is_labelled_as_part_of_payetonkawa_in_its_namespace(string overlay)
    {
        var rendered = Manifests.Render(overlay);
        var objects = rendered.Objects.Cast<IKubernetesObject<V1ObjectMeta>>().ToList();

        Assert.All(objects, item => Assert.Equal("payetonkawa", item.Metadata.Labels?["app.kubernetes.io/part-of"]));
        var ns = Assert.Single(objects.OfType<V1Namespace>()).Metadata.Name;
        Assert.All(objects.Where(item => item is not V1Namespace), item => Assert.Equal(ns, item.Metadata.NamespaceProperty));
        Assert.Equal(objects.Count, objects.Select(item => (item.Kind, item.Metadata.Name)).Distinct().Count());
        foreach (var api in Manifests.Apis)
        {
            var ofApi = objects.Where(item => item.Metadata.Name == api).ToList();
            Assert.Equal(5, ofApi.Count); // Deployment, Service, PodDisruptionBudget, HorizontalPodAutoscaler, NetworkPolicy
            Assert.All(ofApi, item =>
            {
                Assert.Equal(api, item.Metadata.Labels["app.kubernetes.io/name"]);
                Assert.Equal("api", item.Metadata.Labels["app.kubernetes.io/component"]);
            });
        }
    }

    private static IEnumerable<(string Directory, Kustomization Kustomization)> AllKustomizations() =>
        Directory.GetFiles(Manifests.Root, "kustomization.yaml", SearchOption.AllDirectories)
            .Select(file => Path.GetDirectoryName(file)!)
            .Select(directory => (directory, Kustomize.Load(directory)));

    // Kubernetes' own kinds are loaded strictly (an unknown or misspelt field fails); operators' kinds through their records.
    private static void AssertLoads(YamlMappingNode document, string file)
    {
        var stream = new YamlStream(new YamlDocument(document));
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        var key = $"{Kustomize.Scalar(document, "apiVersion")}/{Kustomize.Scalar(document, "kind")}";
        var custom = CustomResources.TypeMap.ContainsKey(key);
        var loaded = Assert.Single(KubernetesYaml.LoadAllFromString(writer.ToString(), custom ? CustomResources.TypeMap : null, strict: !custom));
        var resource = Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(loaded);
        Assert.False(string.IsNullOrEmpty(resource.Metadata.Name), $"{file}: {key} without a name");
    }

    private static void AssertJsonPatch(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var operations = ((YamlSequenceNode)stream.Documents.Single().RootNode).Cast<YamlMappingNode>().ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, operation =>
        {
            Assert.Contains(Kustomize.Scalar(operation, "op"), JsonPatchOperations);
            Assert.StartsWith("/", Kustomize.Scalar(operation, "path"), StringComparison.Ordinal);
        });
    }
}
