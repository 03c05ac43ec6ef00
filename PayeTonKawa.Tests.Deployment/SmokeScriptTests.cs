using System.Text.RegularExpressions;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// scripts/k8s-smoke.sh really tries the production overlay on its cluster, with every CRD that overlay needs, and
/// installs the edge the manifests are written for, at the versions the schemas of deploy/schemas come from.
/// </summary>
public sealed partial class SmokeScriptTests
{
    private static string Script => File.ReadAllText(Path.Combine(RepositoryRoot.Path(), "scripts", "k8s-smoke.sh"));

    [Fact]
    public void The_production_overlay_is_dry_run_on_the_server()
    {
        var commands = Commands(Script);

        Assert.Contains(commands, command => command.Contains("apply --dry-run=server", StringComparison.Ordinal)
            && command.Contains("-k deploy/kubernetes/overlays/production", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_kind_of_the_production_overlay_has_its_crd_installed_by_the_script_before_the_dry_run()
    {
        var script = Script;
        var dryRun = script.IndexOf("apply --dry-run=server", StringComparison.Ordinal);
        var groups = YamlJson.Objects(Kustomize.RenderYaml(Manifests.DirectoryOf("production")))
            .Select(resource => resource["apiVersion"]!.GetValue<string>())
            .Where(apiVersion => apiVersion.Contains('.', StringComparison.Ordinal) && !apiVersion.Split('/')[0].EndsWith("k8s.io", StringComparison.Ordinal)
                || apiVersion.StartsWith("gateway.networking.k8s.io/", StringComparison.Ordinal))
            .Select(apiVersion => apiVersion.Split('/')[0]).Distinct().ToList();
        // Where each group's CRDs come from in the script: an installed release, or a CRD file of it.
        var installers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["postgresql.cnpg.io"] = "cnpg-${CNPG_VERSION}.yaml",
            ["barmancloud.cnpg.io"] = "barmancloud.cnpg.io_objectstores.yaml",
            ["rabbitmq.com"] = "cluster-operator.yml",
            ["monitoring.coreos.com"] = "monitoring.coreos.com_${crd}.yaml",
            ["cert-manager.io"] = "cert-manager.yaml",
            ["gateway.networking.k8s.io"] = "oci://docker.io/envoyproxy/gateway-helm",
            ["gateway.envoyproxy.io"] = "oci://docker.io/envoyproxy/gateway-helm",
        };

        Assert.True(dryRun > 0);
        Assert.All(groups, group =>
        {
            Assert.True(installers.TryGetValue(group, out var installer), $"the production overlay uses {group}, which the script installs nowhere");
            var at = script.IndexOf(installer, StringComparison.Ordinal);
            Assert.True(at > 0 && at < dryRun, $"{group}: {installer} is not installed before the dry run");
        });
        foreach (var crd in new[] { "servicemonitors", "podmonitors", "prometheusrules" })
        {
            Assert.Contains(crd, script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_script_installs_envoy_gateway_pinned_and_no_retired_ingress_controller()
    {
        var script = Script;

        Assert.Matches(@"helm upgrade --install eg oci://docker.io/envoyproxy/gateway-helm --version ""v\$\{ENVOY_GATEWAY_VERSION\}""", script);
        Assert.Contains("controllerName: gateway.envoyproxy.io/gatewayclass-controller", script, StringComparison.Ordinal);
        Assert.Contains("name: envoy-gateway", script, StringComparison.Ordinal);
        Assert.DoesNotContain("ingress-nginx", script, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("ENVOY_GATEWAY_VERSION", "envoy-gateway-")]
    [InlineData("CERT_MANAGER_VERSION", "cert-manager-")]
    [InlineData("CNPG_VERSION", "cloudnative-pg-")]
    [InlineData("BARMAN_CLOUD_VERSION", "plugin-barman-cloud-")]
    [InlineData("RABBITMQ_OPERATOR_VERSION", "rabbitmq-cluster-operator-")]
    [InlineData("PROMETHEUS_OPERATOR_VERSION", "prometheus-operator-")]
    public void The_schemas_the_tests_validate_against_are_those_of_the_versions_the_script_installs(string variable, string schemaDirectory)
    {
        var pinned = Regex.Match(Script, $@"^{variable}=""\$\{{{variable}:-([^}}]+)\}}""", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        var directories = Directory.GetDirectories(SchemaCatalog.Root).Select(Path.GetFileName).Where(name => name!.StartsWith(schemaDirectory, StringComparison.Ordinal)).ToList();

        Assert.True(pinned.Success, $"scripts/k8s-smoke.sh pins no {variable}");
        Assert.Equal([schemaDirectory + pinned.Groups[1].Value], directories);
    }

    /// <summary>The script's lines, with continued lines (ending in a backslash) joined.</summary>
    private static List<string> Commands(string script) =>
        [.. ContinuedLine().Replace(script, " ").Split('\n').Select(line => line.Trim()).Where(line => !line.StartsWith('#'))];

    [GeneratedRegex(@"\\\n\s*")]
    private static partial Regex ContinuedLine();
}
