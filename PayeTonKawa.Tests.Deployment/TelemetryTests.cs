using k8s.Models;
using PayeTonKawa.ServiceDefaults.Telemetry;
using YamlDotNet.RepresentationModel;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// Central logs and traces in production (ticket 017): the APIs export over OTLP to the OpenTelemetry Collector, which
/// sends logs to Loki and traces to Tempo. No collector binary installs here, so its configuration is checked by
/// reading it: every pipeline names defined components, and each address meets the port that really listens.
/// </summary>
public sealed class TelemetryTests
{
    private const string Collector = "otel-collector";
    /// <summary>Production, and staging, which runs the same telemetry before a release reaches production.</summary>
    public static TheoryData<string> Overlays => ["production", "staging"];

    public static TheoryData<string, string> ApisOfOverlays
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var overlay in new[] { "production", "staging" })
            {
                foreach (var api in Manifests.Apis)
                {
                    data.Add(overlay, api);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_pipeline_names_defined_components_and_every_component_is_used(string overlay)
    {
        var r = Manifests.Render(overlay);
        var config = CollectorConfig(r);
        var pipelines = (YamlMappingNode)Node(config, "service", "pipelines");

        Assert.Equal(["logs", "metrics", "traces"], pipelines.Children.Keys.Select(Text).Order(StringComparer.Ordinal));
        foreach (var section in new[] { "receivers", "processors", "exporters" })
        {
            var defined = Keys(config, section);
            var used = pipelines.Children.Values.SelectMany(pipeline => List((YamlMappingNode)pipeline, section)).ToHashSet(StringComparer.Ordinal);
            Assert.All(used, name => Assert.True(defined.Contains(name), $"a pipeline uses {section} {name}, which is not defined"));
            Assert.All(defined, name => Assert.True(used.Contains(name), $"{section} {name} is defined but no pipeline uses it"));
        }

        Assert.Equal(Keys(config, "extensions"), List((YamlMappingNode)Node(config, "service"), "extensions").ToHashSet(StringComparer.Ordinal));
        foreach (var (name, pipeline) in pipelines.Children.Select(pair => (Text(pair.Key), (YamlMappingNode)pair.Value)))
        {
            Assert.Equal(["otlp"], List(pipeline, "receivers"));
            // The limiter must refuse data before anything else holds it.
            Assert.Equal("memory_limiter", List(pipeline, "processors").First());
            Assert.Single(List(pipeline, "exporters"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Logs_go_to_loki_and_traces_to_tempo_on_the_ports_they_listen_on(string overlay)
    {
        var r = Manifests.Render(overlay);
        var config = CollectorConfig(r);

        var logs = Exporter(config, "logs");
        Assert.StartsWith("otlp_http", logs.Name, StringComparison.Ordinal);
        var loki = new Uri(Text(Node(logs.Settings, "endpoint")));
        Assert.Equal("/otlp", loki.AbsolutePath);
        var lokiConfig = ConfigOf(r, "loki", out _);
        Assert.Equal(Text(Node(lokiConfig, "server", "http_listen_port")), ContainerPortBehind(r, "loki", loki.Host, loki.Port).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var traces = Exporter(config, "traces");
        Assert.StartsWith("otlp_grpc", traces.Name, StringComparison.Ordinal);
        var tempo = Text(Node(traces.Settings, "endpoint")).Split(':');
        var tempoConfig = ConfigOf(r, "tempo", out _);
        var receiver = Text(Node(tempoConfig, "distributor", "receivers", "otlp", "protocols", "grpc", "endpoint"));
        Assert.Equal(receiver.Split(':')[1], ContainerPortBehind(r, "tempo", tempo[0], int.Parse(tempo[1], System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("0.0.0.0:", receiver, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ApisOfOverlays))]
    public void Each_api_exports_to_the_collector_under_its_own_service_name(string overlay, string api)
    {
        var r = Manifests.Render(overlay);
        var endpoint = new Uri(r.Env(api, OpenTelemetryExtensions.OtlpEndpointKey).Value);
        var protocol = r.Env(api, "OTEL_EXPORTER_OTLP_PROTOCOL").Value;
        var receiver = Text(Node(CollectorConfig(r), "receivers", "otlp", "protocols", protocol, "endpoint"));

        Assert.Equal(("http", "grpc"), (endpoint.Scheme, protocol));
        Assert.Equal(receiver.Split(':')[1], ContainerPortBehind(r, Collector, endpoint.Host, endpoint.Port).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var serviceName = r.Env(api, "OTEL_SERVICE_NAME").ValueFrom.FieldRef.FieldPath;
        Assert.Equal("metadata.labels['app.kubernetes.io/name']", serviceName);
        Assert.Equal(api, r.Deployment(api).Spec.Template.Metadata.Labels["app.kubernetes.io/name"]);
        Assert.Equal("service.namespace=payetonkawa,k8s.namespace.name=<POD_NAMESPACE>,k8s.pod.name=<POD_NAME>", r.Expanded(api, "OTEL_RESOURCE_ATTRIBUTES"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_collector_loki_and_tempo_run_pinned_images_with_the_configuration_they_mount(string overlay)
    {
        var r = Manifests.Render(overlay);
        Assert.Equal("otel/opentelemetry-collector-contrib", ImageOf(r, Collector).Split(':')[0]);
        foreach (var workload in new[] { Collector, "loki", "tempo" })
        {
            var image = ImageOf(r, workload);
            Assert.Matches(@":[0-9]+\.[0-9]+\.[0-9]+$", image);
            ConfigOf(r, workload, out var argument);
            Assert.NotNull(argument);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Loki_keeps_request_ids_as_structured_metadata_and_deletes_old_logs(string overlay)
    {
        var r = Manifests.Render(overlay);
        var loki = ConfigOf(r, "loki", out _);

        Assert.Equal("true", Text(Node(loki, "limits_config", "allow_structured_metadata")));
        var schema = Assert.Single(((YamlSequenceNode)Node(loki, "schema_config", "configs")).Cast<YamlMappingNode>());
        Assert.Equal(("tsdb", "v13"), (Text(Node(schema, "store")), Text(Node(schema, "schema"))));
        Assert.Matches("^[0-9]+h$", Text(Node(loki, "limits_config", "retention_period")));
        Assert.Equal("true", Text(Node(loki, "compactor", "retention_enabled")));
        Assert.Matches("^[0-9]+h$", Text(Node(ConfigOf(r, "tempo", out _), "compactor", "compaction", "block_retention")));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Network_policies_allow_exactly_the_telemetry_flows(string overlay)
    {
        var r = Manifests.Render(overlay);
        var policies = new NetworkPolicies(r);
        var collector = Pod(r, Collector);
        var (loki, tempo) = (Pod(r, "loki"), Pod(r, "tempo"));

        foreach (var api in Manifests.Apis.Select(api => Pod(r, api)))
        {
            Assert.True(policies.Allows(api, collector, 4317), "API → collector (OTLP gRPC)");
            Assert.True(policies.Allows(api, collector, 4318), "API → collector (OTLP HTTP)");
            Assert.False(policies.Allows(api, loki, 3100), "an API must not bypass the collector");
            Assert.False(policies.Allows(api, tempo, 4317), "an API must not bypass the collector");
            Assert.False(policies.Allows(collector, api, 8080), "the collector calls no API");
        }

        Assert.True(policies.Allows(collector, loki, 3100));
        Assert.True(policies.Allows(collector, tempo, 4317));
        Assert.False(policies.Allows(collector, tempo, 3200));
        Assert.False(policies.Allows(collector, Pod(r, "clients-db"), 5432));
        Assert.False(policies.Allows(loki, collector, 4317));
        Assert.False(policies.Allows(tempo, loki, 3100));
        Assert.True(policies.Allows(tempo, tempo, 9095), "Tempo's components reach each other through its ring");
        Assert.False(policies.Allows(collector, tempo, 9095));
        Assert.False(policies.Allows(Pod(r, "rabbitmq"), collector, 4317));
        Assert.False(policies.Allows(Pod(r, "rabbitmq"), loki, 3100));
        var grafana = new NetworkPolicies.PodAt("monitoring", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "grafana" });
        Assert.True(policies.Allows(grafana, loki, 3100));
        Assert.True(policies.Allows(grafana, tempo, 3200));
        Assert.False(policies.Allows(grafana, collector, 4317));
    }

    private static NetworkPolicies.PodAt Pod(Rendered r, string workload)
    {
        var labels = workload switch
        {
            "clients-db" => new Dictionary<string, string> { ["cnpg.io/cluster"] = "clients-db" },
            "rabbitmq" => new Dictionary<string, string> { ["app.kubernetes.io/name"] = "rabbitmq" },
            _ => PodTemplate(r, workload).Metadata.Labels,
        };
        return new NetworkPolicies.PodAt(r.All<V1Namespace>().Single().Metadata.Name, labels);
    }

    private static V1PodTemplateSpec PodTemplate(Rendered r, string workload) =>
        r.All<V1Deployment>().Where(item => item.Metadata.Name == workload).Select(item => item.Spec.Template)
            .Concat(r.All<V1StatefulSet>().Where(item => item.Metadata.Name == workload).Select(item => item.Spec.Template))
            .Single();

    private static string ImageOf(Rendered r, string workload) => Assert.Single(PodTemplate(r, workload).Spec.Containers).Image;

    /// <summary>The configuration file a workload reads: its config argument, resolved through its mounted ConfigMap.</summary>
    private static YamlMappingNode ConfigOf(Rendered r, string workload, out string? argument)
    {
        var pod = PodTemplate(r, workload).Spec;
        var container = Assert.Single(pod.Containers);
        argument = Assert.Single(container.Args, arg => arg.StartsWith("--config=", StringComparison.Ordinal) || arg.StartsWith("-config.file=", StringComparison.Ordinal));
        var path = argument[(argument.IndexOf('=', StringComparison.Ordinal) + 1)..];
        var mount = Assert.Single(container.VolumeMounts, mount => path.StartsWith(mount.MountPath + "/", StringComparison.Ordinal));
        var configMap = Assert.Single(pod.Volumes, volume => volume.Name == mount.Name).ConfigMap.Name;
        var stream = new YamlStream();
        stream.Load(new StringReader(r.ConfigMap(configMap).Data[path[(mount.MountPath.Length + 1)..]]));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode CollectorConfig(Rendered r) => ConfigOf(r, Collector, out _);

    /// <summary>The container port that <c>host:port</c> reaches: a Service of that name, the port's target, on the workload's pods.</summary>
    private static int ContainerPortBehind(Rendered r, string workload, string host, int port)
    {
        var service = r.Named<V1Service>(host);
        var servicePort = Assert.Single(service.Spec.Ports, candidate => candidate.Port == port);
        var template = PodTemplate(r, workload);
        Assert.All(service.Spec.Selector, label => Assert.Equal(label.Value, template.Metadata.Labels[label.Key]));
        var container = Assert.Single(template.Spec.Containers);
        return Assert.Single(container.Ports, candidate => candidate.Name == servicePort.TargetPort.Value || candidate.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == servicePort.TargetPort.Value).ContainerPort;
    }

    private static (string Name, YamlMappingNode Settings) Exporter(YamlMappingNode config, string pipeline)
    {
        var name = Assert.Single(List((YamlMappingNode)Node(config, "service", "pipelines", pipeline), "exporters"));
        return (name, (YamlMappingNode)Node(config, "exporters", name));
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

    private static HashSet<string> Keys(YamlMappingNode config, string section) =>
        config.Children.TryGetValue(new YamlScalarNode(section), out var node)
            ? [.. ((YamlMappingNode)node).Children.Keys.Select(Text)]
            : [];

    private static List<string> List(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var list) ? [.. ((YamlSequenceNode)list).Select(Text)] : [];

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value ?? "";
}
