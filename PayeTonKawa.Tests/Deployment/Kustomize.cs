using System.Globalization;
using k8s;
using YamlDotNet.RepresentationModel;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// Renders a kustomization the way <c>kubectl kustomize</c> does, for the few features deploy/kubernetes uses (there is
/// no kustomize binary on the test machines): <c>resources</c> (files and nested kustomizations), <c>patches</c>
/// (strategic-merge or JSON 6902, by name or by target kind/name/label selector), <c>images</c> and <c>namespace</c>.
/// Anything else in a kustomization.yaml fails its strict loading, and a patch that needs a strategic-merge rule this
/// renderer does not know fails too, rather than being rendered wrongly.
/// </summary>
public static class Kustomize
{
    /// <summary>Lists whose merge key the renderer knows (strategic merge on built-in kinds). Every other list in such a patch is refused.</summary>
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal) { ["containers"] = "name" };

    public static IReadOnlyList<YamlMappingNode> Render(string directory)
    {
        var kustomization = Load(directory);
        var resources = new List<YamlMappingNode>();
        foreach (var entry in kustomization.Resources)
        {
            var path = Path.GetFullPath(Path.Combine(directory, entry));
            resources.AddRange(Directory.Exists(path) ? Render(path) : Documents(File.ReadAllText(path)));
        }

        foreach (var patch in kustomization.Patches)
        {
            Apply(patch, File.ReadAllText(Path.Combine(directory, patch.Path)), resources);
        }

        foreach (var image in kustomization.Images)
        {
            SetImage(image, resources);
        }

        if (kustomization.Namespace is { } ns)
        {
            foreach (var resource in resources.Where(resource => Scalar(resource, "kind") != "Namespace"))
            {
                Mapping(resource, "metadata").Children["namespace"] = new YamlScalarNode(ns);
            }
        }

        return resources;
    }

    /// <summary>The kustomization.yaml of <paramref name="directory"/>, loaded strictly: a field the renderer does not implement fails.</summary>
    public static Kustomization Load(string directory) =>
        (Kustomization)KubernetesYaml.LoadAllFromString(
            File.ReadAllText(Path.Combine(directory, "kustomization.yaml")), CustomResources.TypeMap, strict: true).Single();

    /// <summary>The YAML documents of <paramref name="yaml"/>, as mutable trees.</summary>
    public static List<YamlMappingNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(document => (YamlMappingNode)document.RootNode)];
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
            current = ((YamlMappingNode)current).Children[new YamlScalarNode(key)];
        }

        return ((YamlScalarNode)current).Value!;
    }

    private static void Apply(KustomizePatch patch, string patchYaml, List<YamlMappingNode> resources)
    {
        var targets = patch.Target is null
            ? [resources.Single(resource => SameObject(resource, Documents(patchYaml).Single()))]
            : resources.Where(resource => IsSelected(resource, patch.Target)).ToList();
        Assert.True(targets.Count > 0, $"patch {patch.Path} selects no resource");
        foreach (var target in targets)
        {
            if (IsJson6902(patchYaml))
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(patchYaml));
                foreach (var operation in ((YamlSequenceNode)stream.Documents[0].RootNode).Cast<YamlMappingNode>())
                {
                    ApplyOperation(target, operation);
                }
            }
            else
            {
                var smp = Documents(patchYaml).Single();
                // Targeted patches apply to whatever they select: kustomize replaces the patch's own identity by the target's.
                if (patch.Target is not null)
                {
                    var metadata = Mapping(smp, "metadata");
                    metadata.Children.Remove(new YamlScalarNode("name"));
                    metadata.Children.Remove(new YamlScalarNode("namespace"));
                }

                Merge(target, smp, IsBuiltIn(target), "");
            }
        }
    }

    private static bool SameObject(YamlMappingNode resource, YamlMappingNode patch) =>
        Scalar(resource, "apiVersion") == Scalar(patch, "apiVersion")
        && Scalar(resource, "kind") == Scalar(patch, "kind")
        && Scalar(resource, "metadata", "name") == Scalar(patch, "metadata", "name");

    private static bool IsSelected(YamlMappingNode resource, KustomizeTarget target) =>
        (target.Kind is null || Scalar(resource, "kind") == target.Kind)
        && (target.Name is null || Scalar(resource, "metadata", "name") == target.Name)
        && (target.LabelSelector is null || target.LabelSelector.Split(',').All(requirement =>
        {
            var (label, value) = (requirement.Split('=')[0].Trim(), requirement.Split('=')[1].Trim());
            return Mapping(resource, "metadata").Children.TryGetValue(new YamlScalarNode("labels"), out var labels)
                && ((YamlMappingNode)labels).Children.TryGetValue(new YamlScalarNode(label), out var actual)
                && ((YamlScalarNode)actual).Value == value;
        }));

    // Kinds without a dot in their API group are Kubernetes' own: kustomize merges them with their strategic-merge
    // schema. Custom resources get a JSON merge patch (RFC 7386): lists are replaced.
    private static bool IsBuiltIn(YamlMappingNode resource)
    {
        var apiVersion = Scalar(resource, "apiVersion");
        return !apiVersion.Contains('/', StringComparison.Ordinal) || !apiVersion.Split('/')[0].Contains('.', StringComparison.Ordinal)
            || apiVersion.Split('/')[0].EndsWith(".k8s.io", StringComparison.Ordinal);
    }

    private static void Merge(YamlMappingNode target, YamlMappingNode patch, bool builtIn, string path)
    {
        foreach (var (key, value) in patch.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            Assert.False(name.StartsWith('$'), $"patch directive {name} is not supported by this renderer");
            if (!target.Children.TryGetValue(key, out var existing))
            {
                target.Children[key] = value;
            }
            else if (existing is YamlMappingNode existingMapping && value is YamlMappingNode patchMapping)
            {
                Merge(existingMapping, patchMapping, builtIn, $"{path}/{name}");
            }
            else if (builtIn && existing is YamlSequenceNode existingList && value is YamlSequenceNode patchList)
            {
                Assert.True(MergeKeys.TryGetValue(name, out var mergeKey),
                    $"list {path}/{name}: its strategic-merge rule is unknown to this renderer; keep the patch simpler");
                foreach (var item in patchList.Cast<YamlMappingNode>())
                {
                    var match = existingList.Cast<YamlMappingNode>().FirstOrDefault(candidate => Scalar(candidate, mergeKey) == Scalar(item, mergeKey));
                    if (match is null)
                    {
                        existingList.Add(item);
                    }
                    else
                    {
                        Merge(match, item, builtIn, $"{path}/{name}/{Scalar(item, mergeKey)}");
                    }
                }
            }
            else
            {
                target.Children[key] = value;
            }
        }
    }

    private static void ApplyOperation(YamlMappingNode target, YamlMappingNode operation)
    {
        var op = Scalar(operation, "op");
        var segments = Scalar(operation, "path").Split('/').Skip(1)
            .Select(segment => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .ToArray();
        YamlNode parent = target;
        foreach (var segment in segments[..^1])
        {
            parent = parent is YamlSequenceNode list ? list[int.Parse(segment, CultureInfo.InvariantCulture)] : Child((YamlMappingNode)parent, segment);
        }

        var last = segments[^1];
        switch (op, parent)
        {
            case ("add" or "replace", YamlMappingNode mapping):
                Assert.True(op == "add" || mapping.Children.ContainsKey(new YamlScalarNode(last)), $"replace of a missing {last}");
                mapping.Children[new YamlScalarNode(last)] = operation.Children[new YamlScalarNode("value")];
                break;
            case ("remove", YamlMappingNode mapping):
                Assert.True(mapping.Children.Remove(new YamlScalarNode(last)), $"remove of a missing {last}");
                break;
            case ("add", YamlSequenceNode list):
                var value = operation.Children[new YamlScalarNode("value")];
                if (last == "-")
                {
                    list.Add(value);
                }
                else
                {
                    list.Children.Insert(int.Parse(last, CultureInfo.InvariantCulture), value);
                }

                break;
            default:
                Assert.Fail($"JSON 6902 operation {op} on {parent.NodeType} is not supported by this renderer");
                break;
        }
    }

    private static void SetImage(KustomizeImage image, List<YamlMappingNode> resources)
    {
        foreach (var resource in resources)
        {
            if (!TryMapping(resource, out var pod, "spec", "template", "spec"))
            {
                continue;
            }

            foreach (var listName in new[] { "containers", "initContainers" })
            {
                if (!pod.Children.TryGetValue(new YamlScalarNode(listName), out var list))
                {
                    continue;
                }

                foreach (var container in ((YamlSequenceNode)list).Cast<YamlMappingNode>())
                {
                    var (name, tag) = SplitImage(Scalar(container, "image"));
                    if (name == image.Name)
                    {
                        tag = image.NewTag ?? tag;
                        container.Children[new YamlScalarNode("image")] = new YamlScalarNode((image.NewName ?? name) + (tag is null ? "" : ":" + tag));
                    }
                }
            }
        }
    }

    // "registry:5000/name:tag": the tag is after the last colon, unless that colon belongs to the registry's port.
    private static (string Name, string? Tag) SplitImage(string reference)
    {
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..]) : (reference, null);
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)Child(node, key);

    private static YamlNode Child(YamlMappingNode node, string key)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out var child))
        {
            child = new YamlMappingNode();
            node.Children[new YamlScalarNode(key)] = child;
        }

        return child;
    }

    private static bool TryMapping(YamlMappingNode node, out YamlMappingNode found, params string[] path)
    {
        found = node;
        foreach (var key in path)
        {
            if (!found.Children.TryGetValue(new YamlScalarNode(key), out var child) || child is not YamlMappingNode mapping)
            {
                return false;
            }

            found = mapping;
        }

        return true;
    }
}
