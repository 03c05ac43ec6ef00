using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using PayeTonKawa.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// .github/workflows/deploy.yml, read as GitHub reads it: main to staging and v* tags to production behind their
/// environments, after CI, one at a time per environment, secrets from the environment only, and a rollback step when the deployment
/// fails or is cancelled. What GitHub itself does with it (approvals, the runs) is only seen on GitHub.
/// </summary>
public sealed partial class DeployWorkflowTests
{
    private static readonly string WorkflowsDirectory = Path.Combine(RepositoryRoot.Path(), ".github", "workflows");
    private static readonly YamlMappingNode Workflow = Load(Path.Combine(WorkflowsDirectory, "deploy.yml"));

    public static TheoryData<string, string> Jobs => new() { { "staging", "staging" }, { "production", "production" } };

    [Fact]
    public void It_runs_after_a_successful_ci_run_of_a_push()
    {
        var trigger = (YamlMappingNode)Node(Workflow, "on", "workflow_run");
        var ciName = Text(Node(Load(Path.Combine(WorkflowsDirectory, "ci.yml")), "name"));

        Assert.Equal([ciName], Texts(Node(trigger, "workflows")));
        Assert.Equal(["completed"], Texts(Node(trigger, "types")));
        Assert.Single(((YamlMappingNode)Node(Workflow, "on")).Children);
        foreach (var job in JobNodes())
        {
            var condition = Text(Node(job, "if"));
            Assert.Contains("github.event.workflow_run.conclusion == 'success'", condition, StringComparison.Ordinal);
            Assert.Contains("github.event.workflow_run.event == 'push'", condition, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Jobs))]
    public void Each_job_deploys_its_overlay_in_its_github_environment(string job, string environment)
    {
        var node = Job(job);
        var condition = Text(Node(node, "if"));

        Assert.Equal(environment, Text(Node(node, "environment", "name")));
        Assert.Equal(environment, Text(Node(node, "env", "OVERLAY")));
        Assert.True(File.Exists(Path.Combine(Manifests.Root, "overlays", environment, "kustomization.yaml")));
        Assert.Contains(environment == "production"
            ? "startsWith(github.event.workflow_run.head_branch, 'v')"
            : "github.event.workflow_run.head_branch == 'main'", condition, StringComparison.Ordinal);
        var host = Text(Node(node, "env", "API_HOST"));
        Assert.Equal(host, new Uri(Text(Node(node, "environment", "url"))).Host);
        // The host the collection is run against is the one the overlay's Gateway serves over HTTPS.
        var gateway = Manifests.Render(environment).Named<Gateway>("payetonkawa");
        Assert.Contains(gateway.Spec.Listeners, listener => listener.Protocol == "HTTPS" && listener.Hostname == host);
    }

    [Fact]
    public void One_deployment_of_an_environment_at_a_time_and_none_is_cancelled_half_way()
    {
        var groups = new List<string>();
        foreach (var (job, environment) in new[] { ("staging", "staging"), ("production", "production") })
        {
            var concurrency = (YamlMappingNode)Node(Job(job), "concurrency");
            var group = Text(Node(concurrency, "group"));
            Assert.Contains(environment, group, StringComparison.Ordinal);
            Assert.DoesNotContain("${{", group, StringComparison.Ordinal);
            Assert.Equal("false", Text(Node(concurrency, "cancel-in-progress")));
            groups.Add(group);
        }

        // One group for both would let a pending staging run replace a pending production release (GitHub keeps one).
        Assert.Equal(groups.Count, groups.Distinct(StringComparer.Ordinal).Count());
        Assert.False(Workflow.Children.ContainsKey(new YamlScalarNode("concurrency")));
    }

    [Theory]
    [MemberData(nameof(Jobs))]
    public void The_deployment_is_checked_by_the_collection_and_rolled_back_when_it_fails_or_is_cancelled(string job, string environment)
    {
        var steps = Steps(Job(job));
        var deploy = Assert.Single(steps, step => Run(step).Contains("scripts/deploy.sh deploy", StringComparison.Ordinal));
        var deployIndex = steps.IndexOf(deploy);
        var rollback = Assert.Single(steps, step => Run(step).Contains("scripts/deploy.sh rollback", StringComparison.Ordinal));

        Assert.Equal("deploy", Text(Node(deploy, "id")));
        Assert.Contains("--host", Run(deploy), StringComparison.Ordinal);
        Assert.Contains("--tag", Run(deploy), StringComparison.Ordinal);
        // The script's own rollback is off: the workflow's step also covers a cancelled or timed-out step.
        Assert.Contains("--no-rollback", Run(deploy), StringComparison.Ordinal);
        Assert.Matches("^[0-9]+$", Text(Node(deploy, "timeout-minutes")));
        Assert.True(steps.IndexOf(rollback) > deployIndex);
        var condition = Text(Node(rollback, "if"));
        Assert.Contains("always()", condition, StringComparison.Ordinal);
        Assert.Contains("steps.deploy.outcome == 'failure'", condition, StringComparison.Ordinal);
        Assert.Contains("steps.deploy.outcome == 'cancelled'", condition, StringComparison.Ordinal);
        Assert.Contains("\"$OVERLAY\"", Run(rollback), StringComparison.Ordinal);
        Assert.Equal(environment, Text(Node(Job(job), "env", "OVERLAY")));
    }

    [Fact]
    public void Secrets_come_only_from_the_environment_of_the_job_and_never_into_a_command_line()
    {
        var text = File.ReadAllText(Path.Combine(WorkflowsDirectory, "deploy.yml"));
        var used = SecretReference().Matches(text).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(["KUBECONFIG", "POSTMAN_API_KEY"], used.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("secrets: inherit", text, StringComparison.Ordinal);
        Assert.Equal("read", Text(Node(Workflow, "permissions", "contents")));
        Assert.Single(((YamlMappingNode)Node(Workflow, "permissions")).Children);
        foreach (var job in JobNodes())
        {
            Assert.True(job.Children.ContainsKey(new YamlScalarNode("environment")), "a job that reads secrets runs in an environment");
            Assert.False(job.Children.ContainsKey(new YamlScalarNode("permissions")));
            foreach (var step in Steps(job))
            {
                // In a command a secret's value would be part of the script text; through env it stays a variable.
                Assert.DoesNotContain("secrets.", Run(step), StringComparison.Ordinal);
                Assert.False(step.Children.ContainsKey(new YamlScalarNode("with"))
                    && ((YamlMappingNode)step.Children[new YamlScalarNode("with")]).Children.Values.OfType<YamlScalarNode>()
                        .Any(value => value.Value?.Contains("secrets.", StringComparison.Ordinal) == true),
                    "a secret is passed to an action");
            }
        }
    }

    [Fact]
    public void The_staging_overlay_is_the_base_and_its_telemetry_in_a_namespace_of_its_own_without_production_storage_or_alerts()
    {
        var staging = Manifests.Render("staging");
        var objects = staging.Objects.Cast<IKubernetesObject<V1ObjectMeta>>().ToList();
        var production = Manifests.Render("production").Objects.Cast<IKubernetesObject<V1ObjectMeta>>().ToList();

        var ns = Assert.Single(objects.OfType<V1Namespace>()).Metadata.Name;
        Assert.Equal("payetonkawa-staging", ns);
        Assert.NotEqual(ns, production.OfType<V1Namespace>().Single().Metadata.Name);
        Assert.All(objects.Where(item => item is not V1Namespace), item => Assert.Equal(ns, item.Metadata.NamespaceProperty));
        Assert.Empty(staging.All<ObjectStore>());
        Assert.Empty(staging.All<ScheduledBackup>());
        Assert.Empty(staging.All<PrometheusRule>());
        Assert.Contains(staging.All<V1Deployment>(), deployment => deployment.Metadata.Name == "otel-collector");
        Assert.Contains(staging.ConfigMap("payetonkawa-config").Data.Keys, key => key.StartsWith("Cors__AllowedOrigins__", StringComparison.Ordinal));
        Assert.All(Manifests.Apis, api => Assert.Equal($"payetonkawa-{api}", staging.Container(api).Image));
    }

    private static IEnumerable<YamlMappingNode> JobNodes() =>
        ((YamlMappingNode)Node(Workflow, "jobs")).Children.Values.Cast<YamlMappingNode>();

    private static YamlMappingNode Job(string name) => (YamlMappingNode)Node(Workflow, "jobs", name);

    private static List<YamlMappingNode> Steps(YamlMappingNode job) => [.. ((YamlSequenceNode)Node(job, "steps")).Cast<YamlMappingNode>()];

    private static string Run(YamlMappingNode step) =>
        step.Children.TryGetValue(new YamlScalarNode("run"), out var run) ? Text(run) : "";

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(file)));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlNode Node(YamlMappingNode root, params string[] path)
    {
        YamlNode current = root;
        foreach (var key in path)
        {
            Assert.True(current is YamlMappingNode mapping && mapping.Children.ContainsKey(new YamlScalarNode(key)), $"no {string.Join('.', path)}");
            current = ((YamlMappingNode)current).Children[new YamlScalarNode(key)];
        }

        return current;
    }

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    private static List<string> Texts(YamlNode node) => [.. ((YamlSequenceNode)node).Select(Text)];

    [GeneratedRegex(@"\$\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex SecretReference();
}
