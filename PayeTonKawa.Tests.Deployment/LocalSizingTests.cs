using System.Text.RegularExpressions;
using k8s.Models;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// The kind smoke test fits a 2-vCPU runner: the CPU requests of everything on its single node, with one more pod per
/// API Deployment during the rolling restart (maxSurge), stay within the budget of docs/HEBERGEMENT.md. A pod whose
/// request does not fit stays Pending and the roll-out times out.
/// </summary>
public sealed partial class LocalSizingTests
{
    /// <summary>The CPU of a 2-vCPU runner the node may hand out, keeping 5 % for what no request counts (kubelet, containerd).</summary>
    private const int BudgetMillicores = 1900;

    /// <summary>
    /// What runs on the node besides deploy/kubernetes, as scripts/k8s-smoke.sh installs it, with the CPU requests of
    /// each release's own manifests (docs/HEBERGEMENT.md lists the same). Keyed by the script's version variable, so
    /// that a version changed there without this table fails below.
    /// </summary>
    private static readonly (string Component, string? VersionVariable, string? Version, int Millicores)[] Platform =
    [
        ("kube-apiserver (kind, kubeadm)", null, null, 250),
        ("kube-controller-manager", null, null, 200),
        ("kube-scheduler", null, null, 100),
        ("etcd", null, null, 100),
        ("CoreDNS, 2 replicas", null, null, 200),
        ("kindnet", null, null, 100),
        ("cert-manager, cainjector, webhook (no request)", "CERT_MANAGER_VERSION", "1.21.1", 0),
        ("CloudNativePG operator", "CNPG_VERSION", "1.30.0", 100),
        ("RabbitMQ Cluster Operator", "RABBITMQ_OPERATOR_VERSION", "2.22.3", 200),
        ("Envoy Gateway controller (chart values)", "ENVOY_GATEWAY_VERSION", "1.9.0", 100),
        ("shutdown manager beside each Envoy (Envoy Gateway default)", "ENVOY_GATEWAY_VERSION", "1.9.0", 10),
    ];

    [Fact]
    public void The_local_overlay_and_a_rolling_restart_fit_the_2_vcpu_budget()
    {
        var rendered = Manifests.Render("local");
        var lines = new List<(string What, int Millicores)>();
        lines.AddRange(Platform.Select(item => (item.Component, item.Millicores)));

        foreach (var api in Manifests.Apis)
        {
            var deployment = rendered.Deployment(api);
            var replicas = rendered.Named<V2HorizontalPodAutoscaler>(api).Spec.MinReplicas ?? 1;
            var surge = int.Parse(deployment.Spec.Strategy.RollingUpdate.MaxSurge.Value, System.Globalization.CultureInfo.InvariantCulture);
            lines.Add(($"{api}: {replicas} pod(s) + {surge} during the restart", (replicas + surge) * Millicores(rendered.Container(api).Resources)));
        }

        foreach (var cluster in rendered.All<PostgresCluster>())
        {
            var resources = YamlResources(rendered, "Cluster", cluster.Metadata.Name);
            lines.Add(($"{cluster.Metadata.Name}: {cluster.Spec.Instances} instance(s)", cluster.Spec.Instances * resources));
        }

        var broker = Assert.Single(rendered.All<RabbitmqCluster>());
        lines.Add(($"rabbitmq: {broker.Spec.Replicas} node(s)", broker.Spec.Replicas * Millicores(broker.Spec.Resources)));
        var envoy = rendered.Named<EnvoyProxy>("payetonkawa-edge").Spec.Provider?.Kubernetes?.EnvoyDeployment;
        lines.Add(($"Envoy of the Gateway: {envoy?.Replicas} pod(s)", (envoy?.Replicas ?? 1) * Millicores(envoy?.Container?.Resources)));

        var total = lines.Sum(line => line.Millicores);
        Assert.True(total <= BudgetMillicores,
            $"{total}m requested for a budget of {BudgetMillicores}m:\n{string.Join('\n', lines.Select(line => $"{line.Millicores,5}m  {line.What}"))}");
    }

    [Fact]
    public void The_platform_table_names_the_versions_the_smoke_script_installs()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryRoot.Path(), "scripts", "k8s-smoke.sh"));

        foreach (var (component, variable, version, _) in Platform.Where(item => item.VersionVariable is not null))
        {
            var pinned = Regex.Match(script, $@"^{variable}=""\$\{{{variable}:-([^}}]+)\}}""", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
            Assert.True(pinned.Success, $"scripts/k8s-smoke.sh pins no {variable}");
            Assert.True(version == pinned.Groups[1].Value, $"{component}: the table counts {version}, the script installs {pinned.Groups[1].Value}");
        }
    }

    [Fact]
    public void Every_pod_of_the_local_overlay_requests_cpu_so_that_the_sum_means_something()
    {
        var rendered = Manifests.Render("local");

        Assert.All(Manifests.Apis, api => Assert.True(Millicores(rendered.Container(api).Resources) > 0));
        Assert.All(rendered.All<PostgresCluster>(), cluster => Assert.True(YamlResources(rendered, "Cluster", cluster.Metadata.Name) > 0));
        Assert.True(Millicores(Assert.Single(rendered.All<RabbitmqCluster>()).Spec.Resources) > 0);
    }

    private static int Millicores(V1ResourceRequirements? resources)
    {
        Assert.True(resources?.Requests?.ContainsKey("cpu") == true, "a pod without a CPU request");
        return (int)(resources!.Requests["cpu"].ToDecimal() * 1000);
    }

    // The CloudNativePG Cluster record of the tests does not carry its resources: read them from the rendered YAML.
    private static int YamlResources(Rendered rendered, string kind, string name)
    {
        var document = Assert.Single(Kustomize.Documents(Kustomize.RenderYaml(Manifests.DirectoryOf(rendered.Overlay))),
            candidate => Kustomize.Scalar(candidate, "kind") == kind && Kustomize.Scalar(candidate, "metadata", "name") == name);
        return (int)(new ResourceQuantity(Kustomize.Scalar(document, "spec", "resources", "requests", "cpu")).ToDecimal() * 1000);
    }
}
