using PayeTonKawa.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// The alert rules of deploy/kubernetes as promtool reads them: the <c>spec</c> of every PrometheusRule (a Prometheus
/// rules file: <c>groups:</c>), gathered into <c>rules.yaml</c>, beside the promtool unit tests that name that file.
/// </summary>
public static class AlertRuleFiles
{
    public const string RulesFileName = "rules.yaml";

    public static string TestsDirectory => Path.Combine(RepositoryRoot.Path(), "deploy", "alert-tests");

    public static TheoryData<string> TestFileNames =>
        [.. Directory.GetFiles(TestsDirectory, "*.test.yaml").Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal)];

    /// <summary>A temporary directory holding rules.yaml and a copy of every unit test file.</summary>
    public static string Prepare()
    {
        var directory = Directory.CreateTempSubdirectory("payetonkawa-promtool-").FullName;
        var groups = new YamlSequenceNode();
        foreach (var rule in PrometheusRules())
        {
            foreach (var group in (YamlSequenceNode)((YamlMappingNode)rule.Children[new YamlScalarNode("spec")]).Children[new YamlScalarNode("groups")])
            {
                groups.Add(group);
            }
        }

        var stream = new YamlStream(new YamlDocument(new YamlMappingNode { { "groups", groups } }));
        using (var writer = new StreamWriter(Path.Combine(directory, RulesFileName)))
        {
            stream.Save(writer, assignAnchors: false);
        }

        foreach (var test in Directory.GetFiles(TestsDirectory, "*.test.yaml"))
        {
            File.Copy(test, Path.Combine(directory, Path.GetFileName(test)));
        }

        return directory;
    }

    /// <summary>Every PrometheusRule document under deploy/kubernetes, as written (before any overlay).</summary>
    public static IEnumerable<YamlMappingNode> PrometheusRules() =>
        Directory.GetFiles(Manifests.Root, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(Documents)
            .OfType<YamlMappingNode>()
            .Where(document => document.Children.TryGetValue(new YamlScalarNode("kind"), out var kind)
                && kind is YamlScalarNode { Value: "PrometheusRule" });

    /// <summary>The names of the alerts those rules define.</summary>
    public static IReadOnlyList<string> AlertNames() =>
        [.. PrometheusRules()
            .SelectMany(rule => (YamlSequenceNode)((YamlMappingNode)rule.Children[new YamlScalarNode("spec")]).Children[new YamlScalarNode("groups")])
            .SelectMany(group => (YamlSequenceNode)((YamlMappingNode)group).Children[new YamlScalarNode("rules")])
            .Select(rule => ((YamlMappingNode)rule).Children.TryGetValue(new YamlScalarNode("alert"), out var name) ? ((YamlScalarNode)name).Value! : "")
            .Where(name => name.Length > 0)];

    /// <summary>For one unit test file: each alert it checks, and whether it expects it firing and silent somewhere.</summary>
    public static IEnumerable<(string Alert, bool Fires, bool Silent)> Checks(string testFile)
    {
        var root = (YamlMappingNode)Documents(testFile).Single();
        foreach (var test in (YamlSequenceNode)root.Children[new YamlScalarNode("tests")])
        {
            if (!((YamlMappingNode)test).Children.TryGetValue(new YamlScalarNode("alert_rule_test"), out var checks))
            {
                continue;
            }

            foreach (var check in ((YamlSequenceNode)checks).Cast<YamlMappingNode>())
            {
                var expected = check.Children.TryGetValue(new YamlScalarNode("exp_alerts"), out var alerts) && alerts is YamlSequenceNode list
                    ? list.Children.Count
                    : 0;
                yield return (((YamlScalarNode)check.Children[new YamlScalarNode("alertname")]).Value!, expected > 0, expected == 0);
            }
        }
    }

    public static string RulesFileOf(string testFile) =>
        string.Join(",", ((YamlSequenceNode)((YamlMappingNode)Documents(testFile).Single()).Children[new YamlScalarNode("rule_files")])
            .Select(node => ((YamlScalarNode)node).Value));

    private static IEnumerable<YamlNode> Documents(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(file)));
        return stream.Documents.Select(document => document.RootNode);
    }
}
