using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PayeTonKawa.Tests.Pipeline;

/// <summary>
/// One job of a GitHub workflow as one run of it sees it: for a matrix job, one entry of <c>strategy.matrix.include</c>,
/// with <c>${{ matrix.x }}</c> replaced by the entry's values, and in each <c>run</c> the job's and the step's
/// variables (<c>$NAME</c>) replaced by theirs.
/// </summary>
public sealed partial record WorkflowJob(string Id, IReadOnlyDictionary<string, string> Matrix, IReadOnlyList<WorkflowStep> Steps)
{
    /// <summary>Every job of the workflow, a matrix job once per entry of its <c>include</c> list.</summary>
    public static IReadOnlyList<WorkflowJob> Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var jobs = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["jobs"];
        return [.. jobs.Children.SelectMany(job => Expand(((YamlScalarNode)job.Key).Value!, (YamlMappingNode)job.Value))];
    }

    private static IEnumerable<WorkflowJob> Expand(string id, YamlMappingNode job)
    {
        var entries = Child(job, "strategy") is YamlMappingNode strategy && Child(strategy, "matrix") is YamlMappingNode matrix
            ? ((YamlSequenceNode)matrix["include"]).Select(entry => Scalars((YamlMappingNode)entry)).ToList()
            : [new Dictionary<string, string>()];
        foreach (var entry in entries)
        {
            var jobEnv = Expanded(Child(job, "env"), entry);
            var steps = ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>().Select(step =>
            {
                var env = jobEnv.Concat(Expanded(Child(step, "env"), entry)).GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.Last().Value);
                var run = Child(step, "run") is YamlScalarNode command ? Substitute(MatrixValue(command.Value!, entry), env) : null;
                return new WorkflowStep((Child(step, "uses") as YamlScalarNode)?.Value, run, Expanded(Child(step, "with"), entry));
            }).ToList();
            yield return new WorkflowJob(id, entry, steps);
        }
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static Dictionary<string, string> Scalars(YamlMappingNode mapping) =>
        mapping.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value ?? "");

    private static Dictionary<string, string> Expanded(YamlNode? mapping, IReadOnlyDictionary<string, string> matrix) =>
        mapping is YamlMappingNode values
            ? Scalars(values).ToDictionary(pair => pair.Key, pair => MatrixValue(pair.Value, matrix))
            : [];

    private static string MatrixValue(string text, IReadOnlyDictionary<string, string> matrix) =>
        MatrixExpression().Replace(text, match => matrix.TryGetValue(match.Groups[1].Value, out var value) ? value : match.Value);

    private static string Substitute(string command, IReadOnlyDictionary<string, string> env) =>
        ShellVariable().Replace(command, match =>
            env.TryGetValue(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value, out var value) ? value : match.Value);

    [GeneratedRegex(@"\$\{\{\s*matrix\.([\w-]+)\s*\}\}")]
    private static partial Regex MatrixExpression();

    [GeneratedRegex(@"\$\{(\w+)\}|\$(\w+)")]
    private static partial Regex ShellVariable();
}
