using k8s;
using k8s.Models;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>deploy/kubernetes: where it is, its overlays, and an overlay rendered into typed objects.</summary>
public static class Manifests
{
    /// <summary>The three APIs, as the design and the AppHost name them.</summary>
    public static readonly string[] Apis = ["clients", "produits", "commandes"];

    public static readonly string[] Overlays = ["production", "staging", "local"];

    /// <summary>The public host of each overlay deployed on a real cluster (the local one answers any host).</summary>
    public static readonly IReadOnlyDictionary<string, string> PublicHosts = new Dictionary<string, string>
    {
        ["production"] = "api.payetonkawa.ouzfa.com",
        ["staging"] = "api-recette.payetonkawa.ouzfa.com",
    };

    public static string Root => Path.Combine(RepositoryRoot.Path(), "deploy", "kubernetes");

    public static TheoryData<string> OverlayNames => [.. Overlays];

    public static TheoryData<string> ApiNames => [.. Apis];

    public static TheoryData<string, string> ApisOfEachOverlay
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var overlay in Overlays)
            {
                foreach (var api in Apis)
                {
                    data.Add(overlay, api);
                }
            }

            return data;
        }
    }

    /// <summary>The overlay (or <c>base</c>) rendered by <c>kubectl kustomize</c>, then loaded by the Kubernetes client.</summary>
    public static Rendered Render(string overlay) =>
        new(overlay, KubernetesYaml.LoadAllFromString(Kustomize.RenderYaml(DirectoryOf(overlay)), CustomResources.TypeMap));

    /// <summary>The directory of an overlay name, or of <c>base</c>.</summary>
    public static string DirectoryOf(string overlay) =>
        overlay == "base" ? Path.Combine(Root, "base") : Path.Combine(Root, "overlays", overlay);
}

/// <summary>The objects of one rendered overlay.</summary>
public sealed class Rendered(string overlay, IReadOnlyList<object> objects)
{
    public string Overlay => overlay;

    public bool IsProduction => overlay == "production";

    /// <summary>The host the overlay serves over HTTPS, or null for the local overlay (plain HTTP, any host).</summary>
    public string? PublicHost => Manifests.PublicHosts.GetValueOrDefault(overlay);

    public IReadOnlyList<object> Objects => objects;

    public IEnumerable<T> All<T>()
        where T : IKubernetesObject<V1ObjectMeta> => objects.OfType<T>();

    public T Named<T>(string name)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var found = All<T>().Where(item => item.Metadata.Name == name).ToList();
        Assert.True(found.Count == 1, $"{overlay}: expected one {typeof(T).Name} named {name}, found {found.Count}");
        return found[0];
    }

    public V1Deployment Deployment(string api) => Named<V1Deployment>(api);

    public V1Container Container(string api) => Assert.Single(Deployment(api).Spec.Template.Spec.Containers);

    public V1ConfigMap ConfigMap(string name) => Named<V1ConfigMap>(name);

    /// <summary>Everything the API's container gets through <c>envFrom</c> ConfigMaps, by variable name.</summary>
    public IReadOnlyDictionary<string, string> EnvFromConfigMaps(string api) =>
        (Container(api).EnvFrom ?? [])
            .SelectMany(source => ConfigMap(Assert.IsType<V1ConfigMapEnvSource>(source.ConfigMapRef).Name).Data
                .Select(pair => KeyValuePair.Create(source.Prefix + pair.Key, pair.Value)))
            .ToDictionary(StringComparer.Ordinal);

    /// <summary>The environment variable <paramref name="name"/> of the API's container.</summary>
    public V1EnvVar Env(string api, string name) =>
        Assert.Single(Container(api).Env ?? [], variable => variable.Name == name);

    /// <summary>
    /// The value of an environment variable as the container sees it: its <c>$(VAR)</c> references to variables declared
    /// before it are replaced by <c>&lt;VAR&gt;</c> (their real values are secrets).
    /// </summary>
    public string Expanded(string api, string name)
    {
        var variables = Container(api).Env ?? [];
        var index = variables.ToList().FindIndex(variable => variable.Name == name);
        Assert.True(index >= 0, $"{overlay}/{api}: no environment variable {name}");
        var declaredBefore = variables.Take(index).Select(variable => variable.Name).ToHashSet(StringComparer.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(variables[index].Value ?? "", @"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", match =>
        {
            Assert.True(declaredBefore.Contains(match.Groups[1].Value),
                $"{overlay}/{api}: {name} uses $({match.Groups[1].Value}), which is not declared before it (Kubernetes would leave it as is)");
            return $"<{match.Groups[1].Value}>";
        });
    }

    /// <summary>Whether <paramref name="selector"/> selects the pods of the API's Deployment.</summary>
    public bool SelectsPodsOf(IDictionary<string, string>? selector, string api) =>
        selector is { Count: > 0 }
        && selector.All(label => Deployment(api).Spec.Template.Metadata.Labels.TryGetValue(label.Key, out var value) && value == label.Value);
}
