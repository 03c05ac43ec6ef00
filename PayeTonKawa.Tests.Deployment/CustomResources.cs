using k8s;
using k8s.Models;
using YamlDotNet.Serialization;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// The kinds of deploy/kubernetes that the Kubernetes client does not know (operators' resources, kustomize's own
/// file), reduced to the fields the tests read. Loaded by <see cref="KubernetesYaml"/> through <see cref="TypeMap"/>.
/// </summary>
public static class CustomResources
{
    public static readonly Dictionary<string, Type> TypeMap = new(StringComparer.Ordinal)
    {
        ["kustomize.config.k8s.io/v1beta1/Kustomization"] = typeof(Kustomization),
        ["kustomize.config.k8s.io/v1alpha1/Component"] = typeof(Kustomization),
        ["postgresql.cnpg.io/v1/Cluster"] = typeof(PostgresCluster),
        ["postgresql.cnpg.io/v1/ScheduledBackup"] = typeof(ScheduledBackup),
        ["barmancloud.cnpg.io/v1/ObjectStore"] = typeof(ObjectStore),
        ["rabbitmq.com/v1beta1/RabbitmqCluster"] = typeof(RabbitmqCluster),
        ["monitoring.coreos.com/v1/ServiceMonitor"] = typeof(ServiceMonitor),
        ["monitoring.coreos.com/v1/PrometheusRule"] = typeof(PrometheusRule),
        ["monitoring.coreos.com/v1/PodMonitor"] = typeof(PodMonitor),
        ["cert-manager.io/v1/Certificate"] = typeof(Certificate),
        ["gateway.networking.k8s.io/v1/Gateway"] = typeof(Gateway),
        ["gateway.networking.k8s.io/v1/HTTPRoute"] = typeof(HttpRoute),
        ["gateway.envoyproxy.io/v1alpha1/HTTPRouteFilter"] = typeof(HttpRouteFilter),
        ["gateway.envoyproxy.io/v1alpha1/ClientTrafficPolicy"] = typeof(ClientTrafficPolicy),
        ["gateway.envoyproxy.io/v1alpha1/BackendTrafficPolicy"] = typeof(BackendTrafficPolicy),
        ["gateway.envoyproxy.io/v1alpha1/EnvoyProxy"] = typeof(EnvoyProxy),
    };
}

/// <summary>A resource of an operator: the usual envelope around a spec of its own.</summary>
public abstract class CustomResource<TSpec> : IKubernetesObject<V1ObjectMeta>
    where TSpec : new()
{
    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    public V1ObjectMeta Metadata { get; set; } = new();

    public TSpec Spec { get; set; } = new();
}

public sealed class Kustomization
{
    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    public string? Namespace { get; set; }

    public List<string> Resources { get; set; } = [];

    public List<KustomizeImage> Images { get; set; } = [];

    public List<KustomizePatch> Patches { get; set; } = [];

    public List<KustomizeLabels> Labels { get; set; } = [];

    public List<string> Components { get; set; } = [];
}

public sealed record KustomizeLabels
{
    public Dictionary<string, string> Pairs { get; set; } = [];
}

public sealed record KustomizeImage
{
    public string Name { get; set; } = "";

    public string? NewName { get; set; }

    public string? NewTag { get; set; }
}

public sealed record KustomizePatch
{
    public string Path { get; set; } = "";

    public KustomizeTarget? Target { get; set; }
}

public sealed record KustomizeTarget
{
    public string? Kind { get; set; }

    public string? Name { get; set; }

    public string? LabelSelector { get; set; }
}

/// <summary>CloudNativePG's <c>Cluster</c>.</summary>
public sealed class PostgresCluster : CustomResource<PostgresClusterSpec>;

public sealed record PostgresClusterSpec
{
    public int Instances { get; set; }

    public PostgresStorage? Storage { get; set; }

    public PostgresBootstrap? Bootstrap { get; set; }

    public List<PostgresPlugin> Plugins { get; set; } = [];

    public PostgresConfiguration? Postgresql { get; set; }
}

public sealed record PostgresConfiguration
{
    public Dictionary<string, string> Parameters { get; set; } = [];

    public PostgresSynchronousReplication? Synchronous { get; set; }
}

public sealed record PostgresSynchronousReplication
{
    public string? Method { get; set; }

    public int Number { get; set; }

    public string? DataDurability { get; set; }

    public bool FailoverQuorum { get; set; }
}

public sealed record PostgresStorage
{
    public string? Size { get; set; }
}

public sealed record PostgresBootstrap
{
    public PostgresInitDb? Initdb { get; set; }
}

public sealed record PostgresInitDb
{
    public string? Database { get; set; }

    public string? Owner { get; set; }
}

public sealed record PostgresPlugin
{
    public string Name { get; set; } = "";

    [YamlMember(Alias = "isWALArchiver")]
    public bool IsWalArchiver { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = [];
}

/// <summary>CloudNativePG's <c>ScheduledBackup</c>.</summary>
public sealed class ScheduledBackup : CustomResource<ScheduledBackupSpec>;

public sealed record ScheduledBackupSpec
{
    public string Schedule { get; set; } = "";

    public NameReference? Cluster { get; set; }

    public string? Method { get; set; }

    public NameReference? PluginConfiguration { get; set; }
}

public sealed record NameReference
{
    public string Name { get; set; } = "";
}

/// <summary>The Barman Cloud plugin's <c>ObjectStore</c>.</summary>
public sealed class ObjectStore : CustomResource<ObjectStoreSpec>;

public sealed record ObjectStoreSpec
{
    public string? RetentionPolicy { get; set; }

    public ObjectStoreConfiguration? Configuration { get; set; }
}

public sealed record ObjectStoreConfiguration
{
    public string DestinationPath { get; set; } = "";

    /// <summary>Secret references only: a literal key here would not even load.</summary>
    public S3Credentials? S3Credentials { get; set; }
}

public sealed record S3Credentials
{
    public SecretKeyReference? AccessKeyId { get; set; }

    public SecretKeyReference? SecretAccessKey { get; set; }
}

public sealed record SecretKeyReference
{
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";
}

/// <summary>The RabbitMQ Cluster Operator's <c>RabbitmqCluster</c>.</summary>
public sealed class RabbitmqCluster : CustomResource<RabbitmqClusterSpec>;

public sealed record RabbitmqClusterSpec
{
    public int Replicas { get; set; } = 1;

    public RabbitmqPersistence? Persistence { get; set; }

    public V1ResourceRequirements? Resources { get; set; }

    public RabbitmqConfiguration? Rabbitmq { get; set; }
}

public sealed record RabbitmqConfiguration
{
    public string? EnvConfig { get; set; }
}

public sealed record RabbitmqPersistence
{
    public string? Storage { get; set; }
}

/// <summary>The Prometheus Operator's <c>ServiceMonitor</c>.</summary>
public sealed class ServiceMonitor : CustomResource<ServiceMonitorSpec>;

public sealed record ServiceMonitorSpec
{
    public V1LabelSelector Selector { get; set; } = new();

    public List<ServiceMonitorEndpoint> Endpoints { get; set; } = [];
}

/// <summary>The Prometheus Operator's <c>PodMonitor</c>.</summary>
public sealed class PodMonitor : CustomResource<PodMonitorSpec>;

public sealed record PodMonitorSpec
{
    public V1LabelSelector Selector { get; set; } = new();

    public List<ServiceMonitorEndpoint> PodMetricsEndpoints { get; set; } = [];
}

public sealed record ServiceMonitorEndpoint
{
    public string? Port { get; set; }

    public string? Path { get; set; }

    public ScrapeAuthorization? Authorization { get; set; }
}

public sealed record ScrapeAuthorization
{
    public string? Type { get; set; }

    public SecretKeyReference? Credentials { get; set; }
}

/// <summary>The Prometheus Operator's <c>PrometheusRule</c>.</summary>
public sealed class PrometheusRule : CustomResource<PrometheusRuleSpec>;

public sealed record PrometheusRuleSpec
{
    public List<PrometheusRuleGroup> Groups { get; set; } = [];
}

public sealed record PrometheusRuleGroup
{
    public string Name { get; set; } = "";

    public List<AlertingRule> Rules { get; set; } = [];
}

public sealed record AlertingRule
{
    public string? Alert { get; set; }

    public string Expr { get; set; } = "";

    public string? For { get; set; }

    public Dictionary<string, string> Labels { get; set; } = [];

    public Dictionary<string, string> Annotations { get; set; } = [];
}
