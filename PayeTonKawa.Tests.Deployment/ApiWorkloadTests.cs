using System.Globalization;
using k8s.Models;
using PayeTonKawa.ServiceDefaults.Telemetry;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>The Deployment of each API and the objects around it (Service, disruption budget, autoscaler, network policy).</summary>
public sealed class ApiWorkloadTests
{
    [Theory]
    [MemberData(nameof(Manifests.ApisOfEachOverlay), MemberType = typeof(Manifests))]
    public void The_deployment_rolls_out_without_losing_capacity(string overlay, string api)
    {
        var rendered = Manifests.Render(overlay);
        var deployment = rendered.Deployment(api);

        // Production keeps two replicas at least; the single kind node runs one, and its rolling restart adds a pod.
        Assert.True(rendered.Named<V2HorizontalPodAutoscaler>(api).Spec.MinReplicas >= (rendered.IsProduction ? 2 : 1));
        Assert.Equal("RollingUpdate", deployment.Spec.Strategy.Type);
        Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.NotEqual("0", deployment.Spec.Strategy.RollingUpdate.MaxSurge.Value);
        Assert.Equal(deployment.Spec.Selector.MatchLabels, deployment.Spec.Selector.MatchLabels
            .Where(label => deployment.Spec.Template.Metadata.Labels[label.Key] == label.Value));
    }

    [Theory]
    [MemberData(nameof(Manifests.ApisOfEachOverlay), MemberType = typeof(Manifests))]
    public async Task Probes_reach_alive_and_health_on_the_port_the_service_targets_which_the_image_exposes(string overlay, string api)
    {
        var rendered = Manifests.Render(overlay);
        var container = rendered.Container(api);
        var service = rendered.Named<V1Service>(api);
        var servicePort = Assert.Single(service.Spec.Ports);

        var targeted = PortOf(container, servicePort.TargetPort);
        Assert.Equal((await BuildSettings.OfAsync(api)).Port(), targeted.ContainerPort);
        Assert.Equal(container.StartupProbe.HttpGet.Path, container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/alive", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
        Assert.All(new[] { container.StartupProbe, container.LivenessProbe, container.ReadinessProbe },
            probe => Assert.Equal(targeted.ContainerPort, PortOf(container, probe.HttpGet.Port).ContainerPort));
        Assert.DoesNotContain(OpenTelemetryExtensions.MetricsPath, new[] { container.ReadinessProbe.HttpGet.Path, container.LivenessProbe.HttpGet.Path });
    }

    [Theory]
    [MemberData(nameof(Manifests.ApisOfEachOverlay), MemberType = typeof(Manifests))]
    public void A_pod_stops_gracefully_with_a_sleep_hook_since_the_image_has_no_shell(string overlay, string api)
    {
        var deployment = Manifests.Render(overlay).Deployment(api);
        var preStop = Assert.Single(deployment.Spec.Template.Spec.Containers).Lifecycle.PreStop;

        Assert.Null(preStop.Exec);
        Assert.True(preStop.Sleep.Seconds > 0);
        Assert.True(preStop.Sleep.Seconds < deployment.Spec.Template.Spec.TerminationGracePeriodSeconds,
            "the sleep must leave the API time to finish its requests before the kill");
    }

    [Theory]
    [MemberData(nameof(Manifests.ApisOfEachOverlay), MemberType = typeof(Manifests))]
    public async Task The_pod_runs_as_the_images_non_root_user_with_nothing_it_does_not_need(string overlay, string api)
    {
        var pod = Manifests.Render(overlay).Deployment(api).Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        var user = (await BuildSettings.OfAsync(api)).UserId();

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal(user, pod.SecurityContext.RunAsUser);
        Assert.Equal(user, pod.SecurityContext.RunAsGroup);
        Assert.Equal(user, pod.SecurityContext.FsGroup);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Null(container.SecurityContext.Capabilities.Add);
        Assert.Null(container.SecurityContext.Privileged);
        // A read-only root file system: the runtime's temporary files need a writable /tmp.
        var tmp = Assert.Single(container.VolumeMounts, mount => mount.MountPath == "/tmp");
        Assert.NotNull(Assert.Single(pod.Volumes, volume => volume.Name == tmp.Name).EmptyDir);
    }

    [Theory]
    [MemberData(nameof(Manifests.OverlayNames), MemberType = typeof(Manifests))]
    public void The_tmp_of_produits_holds_the_uploads_in_flight(string overlay)
    {
        // ASP.NET Core buffers an uploaded file above 64 KiB to /tmp until the request ends; the API accepts up to
        // Images:MaxBytes plus 64 KiB of multipart envelope. A full emptyDir gets the pod evicted.
        const long formOverhead = 64 * 1024;
        const long runtimeReserve = 64L * 1024 * 1024;
        const int uploadsInFlight = 64;
        var rendered = Manifests.Render(overlay);
        var pod = rendered.Deployment("produits").Spec.Template.Spec;
        var tmp = Assert.Single(Assert.Single(pod.Containers).VolumeMounts, mount => mount.MountPath == "/tmp");
        var size = Assert.Single(pod.Volumes, volume => volume.Name == tmp.Name).EmptyDir.SizeLimit;

        var needed = runtimeReserve + (uploadsInFlight * (GatewayTests.ImageLimit(rendered) + formOverhead));
        Assert.True(size is not null && size.ToInt64() >= needed, $"{overlay}: /tmp of {size} for {needed} bytes");
    }

    [Theory]
    [MemberData(nameof(Manifests.ApisOfEachOverlay), MemberType = typeof(Manifests))]
    public void Requests_and_limits_are_set_and_consistent(string overlay, string api)
    {
        var resources = Manifests.Render(overlay).Container(api).Resources;

        foreach (var name in new[] { "cpu", "memory" })
        {
            var request = resources.Requests[name].ToDecimal();
            var limit = resources.Limits[name].ToDecimal();
            Assert.True(request > 0 && request <= limit, $"{overlay}/{api}: {name} request {request} limit {limit}");
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.ApisOfEachOverlay), MemberType = typeof(Manifests))]
    public void Replicas_spread_over_nodes(string overlay, string api)
    {
        var rendered = Manifests.Render(overlay);
        var constraints = rendered.Deployment(api).Spec.Template.Spec.TopologySpreadConstraints;

        var byNode = Assert.Single(constraints, constraint => constraint.TopologyKey == "kubernetes.io/hostname");
        Assert.Equal(1, byNode.MaxSkew);
        Assert.Equal("DoNotSchedule", byNode.WhenUnsatisfiable);
        Assert.True(rendered.SelectsPodsOf(byNode.LabelSelector.MatchLabels, api));
        var byZone = Assert.Single(constraints, constraint => constraint.TopologyKey == "topology.kubernetes.io/zone");
        Assert.Equal("ScheduleAnyway", byZone.WhenUnsatisfiable);
        Assert.True(rendered.SelectsPodsOf(byZone.LabelSelector.MatchLabels, api));
    }

    [Theory]
    [MemberData(nameof(Manifests.ApisOfEachOverlay), MemberType = typeof(Manifests))]
    public void Service_disruption_budget_and_autoscaler_select_the_apis_own_pods(string overlay, string api)
    {
        var rendered = Manifests.Render(overlay);
        var deployment = rendered.Deployment(api);
        var service = rendered.Named<V1Service>(api);
        var budget = rendered.Named<V1PodDisruptionBudget>(api);
        var autoscaler = rendered.Named<V2HorizontalPodAutoscaler>(api);

        Assert.True(rendered.SelectsPodsOf(service.Spec.Selector, api));
        Assert.True(rendered.SelectsPodsOf(budget.Spec.Selector.MatchLabels, api));
        foreach (var other in Manifests.Apis.Where(other => other != api))
        {
            Assert.False(rendered.SelectsPodsOf(service.Spec.Selector, other), $"Service {api} also selects the pods of {other}");
            Assert.False(rendered.SelectsPodsOf(budget.Spec.Selector.MatchLabels, other), $"PDB {api} also selects the pods of {other}");
        }

        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(("http", 80), (port.Name, port.Port));
        Assert.Equal("1", budget.Spec.MaxUnavailable.Value);
        Assert.Equal(("Deployment", api), (autoscaler.Spec.ScaleTargetRef.Kind, autoscaler.Spec.ScaleTargetRef.Name));
        // The autoscaler alone sets the count: a replicas field would scale a scaled-out API back down at every apply.
        Assert.Null(deployment.Spec.Replicas);
        Assert.True(autoscaler.Spec.MaxReplicas > autoscaler.Spec.MinReplicas);
        var cpu = Assert.Single(autoscaler.Spec.Metrics).Resource;
        Assert.Equal(("cpu", "Utilization"), (cpu.Name, cpu.Target.Type));
        Assert.InRange(cpu.Target.AverageUtilization ?? 0, 50, 90);
    }

    [Theory]
    [MemberData(nameof(Manifests.ApisOfEachOverlay), MemberType = typeof(Manifests))]
    public void The_network_policy_lets_in_only_the_gateways_envoy_pods_prometheus_and_the_apis_that_call_it(string overlay, string api)
    {
        var rendered = Manifests.Render(overlay);
        var policy = rendered.Named<V1NetworkPolicy>(api);
        var container = rendered.Container(api);
        var callers = Manifests.Apis.Where(caller => CalledApis(rendered, caller).Contains(api)).Order(StringComparer.Ordinal).ToList();

        Assert.True(rendered.SelectsPodsOf(policy.Spec.PodSelector.MatchLabels, api));
        Assert.Equal(["Egress", "Ingress"], policy.Spec.PolicyTypes.Order(StringComparer.Ordinal));
        Assert.Equal(1 + callers.Count, policy.Spec.Ingress.Count);
        var rule = Assert.Single(policy.Spec.Ingress, rule => rule.FromProperty.All(peer => peer.NamespaceSelector is not null));
        Assert.Equal(2, rule.FromProperty.Count);
        Assert.Equal("monitoring", NamespaceOnly(Assert.Single(rule.FromProperty, peer => peer.PodSelector is null)));
        // Envoy Gateway runs the Envoy pods of a Gateway in its own namespace, labelled with the Gateway they serve.
        var envoy = Assert.Single(rule.FromProperty, peer => peer.PodSelector is not null);
        Assert.Equal("envoy-gateway-system", envoy.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        var gateway = rendered.Named<Gateway>("payetonkawa");
        Assert.Equal(new Dictionary<string, string>
        {
            ["gateway.envoyproxy.io/owning-gateway-name"] = gateway.Metadata.Name,
            ["gateway.envoyproxy.io/owning-gateway-namespace"] = gateway.Metadata.NamespaceProperty,
        }, envoy.PodSelector.MatchLabels);
        var port = Assert.Single(rule.Ports);
        Assert.Equal(Assert.Single(container.Ports).ContainerPort, PortOf(container, port.Port).ContainerPort);
        foreach (var caller in callers)
        {
            var fromCaller = Assert.Single(policy.Spec.Ingress, rule => rule.FromProperty.Any(peer => rendered.SelectsPodsOf(peer.PodSelector?.MatchLabels, caller)));
            Assert.Null(Assert.Single(fromCaller.FromProperty).NamespaceSelector);
            Assert.Equal(container.Ports[0].ContainerPort, PortOf(container, Assert.Single(fromCaller.Ports).Port).ContainerPort);
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.ApisOfEachOverlay), MemberType = typeof(Manifests))]
    public void The_network_policy_lets_out_only_its_database_rabbitmq_dns_and_the_apis_it_calls(string overlay, string api)
    {
        var rendered = Manifests.Render(overlay);
        var policy = rendered.Named<V1NetworkPolicy>(api);
        var database = rendered.Named<PostgresCluster>(DatabaseOf(rendered, api));
        var broker = Assert.Single(rendered.All<RabbitmqCluster>());
        var called = CalledApis(rendered, api);

        Assert.Equal(3 + called.Count, policy.Spec.Egress.Count);
        var toDatabase = Assert.Single(policy.Spec.Egress, rule => rule.To.Any(peer => peer.PodSelector?.MatchLabels.ContainsKey("cnpg.io/cluster") == true));
        Assert.Equal(database.Metadata.Name, Assert.Single(toDatabase.To).PodSelector.MatchLabels["cnpg.io/cluster"]);
        Assert.Null(Assert.Single(toDatabase.To).NamespaceSelector);
        Assert.Equal([("TCP", "5432")], toDatabase.Ports.Select(p => (p.Protocol, p.Port.Value)));

        var toBroker = Assert.Single(policy.Spec.Egress, rule => rule.To.Any(peer => peer.PodSelector?.MatchLabels is { } labels
            && labels.TryGetValue("app.kubernetes.io/name", out var name) && name == broker.Metadata.Name));
        Assert.Single(toBroker.To);
        Assert.Equal([("TCP", "5672")], toBroker.Ports.Select(p => (p.Protocol, p.Port.Value)));

        // The cluster's DNS pods, and NodeLocal DNSCache's link-local address, where the pods send their queries when
        // the cluster runs it.
        var toDns = Assert.Single(policy.Spec.Egress, rule => rule.To.Any(peer => peer.NamespaceSelector is not null));
        Assert.Equal(2, toDns.To.Count);
        var dnsPods = Assert.Single(toDns.To, peer => peer.NamespaceSelector is not null);
        Assert.Equal("kube-system", dnsPods.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.Equal("kube-dns", dnsPods.PodSelector.MatchLabels["k8s-app"]);
        Assert.Equal("169.254.20.10/32", Assert.Single(toDns.To, peer => peer.IpBlock is not null).IpBlock.Cidr);
        Assert.Equal([("TCP", "53"), ("UDP", "53")], toDns.Ports.Select(p => (p.Protocol, p.Port.Value)).OrderBy(p => p.Protocol, StringComparer.Ordinal));

        foreach (var other in called)
        {
            var toApi = Assert.Single(policy.Spec.Egress, rule => rule.To.Any(peer => rendered.SelectsPodsOf(peer.PodSelector?.MatchLabels, other)));
            Assert.Null(Assert.Single(toApi.To).NamespaceSelector);
            var otherContainer = rendered.Container(other);
            Assert.Equal([("TCP", otherContainer.Ports[0].ContainerPort.ToString(CultureInfo.InvariantCulture))], toApi.Ports.Select(p => (p.Protocol, p.Port.Value)));
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.ApisOfEachOverlay), MemberType = typeof(Manifests))]
    public void An_api_reaches_another_through_the_service_of_its_pods(string overlay, string api)
    {
        var rendered = Manifests.Render(overlay);

        foreach (var other in CalledApis(rendered, api))
        {
            var url = new Uri(rendered.Env(api, $"services__{other}__http__0").Value);
            var service = rendered.Named<V1Service>(url.Host);
            Assert.Equal("http", url.Scheme);
            Assert.True(rendered.SelectsPodsOf(service.Spec.Selector, other), $"{api} calls {other} through {url}, whose Service does not select its pods");
            Assert.Equal(Assert.Single(service.Spec.Ports).Port, url.Port);
        }
    }

    /// <summary>The APIs <paramref name="api"/> calls: those it is given an address of, the service discovery variables Aspire names <c>services__{name}__http__0</c>.</summary>
    private static List<string> CalledApis(Rendered rendered, string api) =>
        [.. Manifests.Apis.Where(other => other != api
            && (rendered.Container(api).Env ?? []).Any(variable => variable.Name == $"services__{other}__http__0"))];

    /// <summary>The CloudNativePG cluster the API connects to: the host of its connection string, less the "-rw" of the primary's Service.</summary>
    internal static string DatabaseOf(Rendered rendered, string api)
    {
        var connection = rendered.Container(api).Env.Single(variable => variable.Name.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
            && variable.Name != "ConnectionStrings__messaging");
        var host = new Npgsql.NpgsqlConnectionStringBuilder(rendered.Expanded(api, connection.Name)).Host!;
        Assert.EndsWith("-rw", host, StringComparison.Ordinal);
        return host[..^"-rw".Length];
    }

    private static V1ContainerPort PortOf(V1Container container, IntOrString port) =>
        Assert.Single(container.Ports, candidate => candidate.Name == port.Value || candidate.ContainerPort.ToString(CultureInfo.InvariantCulture) == port.Value);

    // A peer that is a whole namespace, chosen by its immutable name label: no pod selector, no address block.
    private static string NamespaceOnly(V1NetworkPolicyPeer peer)
    {
        Assert.Null(peer.PodSelector);
        Assert.Null(peer.IpBlock);
        return Assert.Single(peer.NamespaceSelector.MatchLabels, label => label.Key == "kubernetes.io/metadata.name").Value;
    }
}
