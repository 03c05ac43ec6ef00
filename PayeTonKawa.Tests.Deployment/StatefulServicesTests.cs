using System.Globalization;
using PayeTonKawa.AppHost.Infrastructure;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>PostgreSQL (one CloudNativePG cluster per API, backed up in production) and RabbitMQ.</summary>
public sealed class StatefulServicesTests
{
    private const string BarmanPlugin = "barman-cloud.cloudnative-pg.io";

    [Theory]
    [InlineData("clients-db", "preferred")]
    [InlineData("produits-db", "required")]
    [InlineData("commandes-db", "required")]
    public void In_production_a_commit_waits_for_a_replica_and_only_a_replica_holding_it_is_promoted(string cluster, string durability)
    {
        var synchronous = Manifests.Render("production").Named<PostgresCluster>(cluster).Spec.Postgresql?.Synchronous;

        Assert.NotNull(synchronous);
        Assert.Equal(("any", 1, durability, true), (synchronous.Method, synchronous.Number, synchronous.DataDurability, synchronous.FailoverQuorum));
    }

    [Theory]
    [InlineData("production", 3)]
    [InlineData("local", 1)]
    public void Each_api_has_a_database_cluster_of_its_own(string overlay, int instances)
    {
        var rendered = Manifests.Render(overlay);
        var clusters = Manifests.Apis.Select(api => rendered.Named<PostgresCluster>(ApiWorkloadTests.DatabaseOf(rendered, api))).ToList();

        Assert.Equal(Manifests.Apis.Length, clusters.Select(cluster => cluster.Metadata.Name).Distinct().Count());
        Assert.Equal(clusters.Count, rendered.All<PostgresCluster>().Count());
        Assert.All(clusters, cluster =>
        {
            Assert.Equal(instances, cluster.Spec.Instances);
            Assert.False(string.IsNullOrEmpty(cluster.Spec.Storage?.Size));
            Assert.False(string.IsNullOrEmpty(cluster.Spec.Bootstrap?.Initdb?.Database));
        });
    }

    [Theory]
    [InlineData("production")]
    [InlineData("local")]
    public void The_connection_pools_of_as_many_instances_as_the_autoscaler_allows_fit_in_each_database(string overlay)
    {
        const int reserved = 20; // the operator, replication, monitoring and an administrator

        var rendered = Manifests.Render(overlay);
        foreach (var api in Manifests.Apis)
        {
            var pool = new Npgsql.NpgsqlConnectionStringBuilder(
                rendered.Expanded(api, rendered.Container(api).Env!.Single(variable => variable.Name.EndsWith("db", StringComparison.Ordinal)).Name));
            var cluster = rendered.Named<PostgresCluster>(ApiWorkloadTests.DatabaseOf(rendered, api));
            var maxConnections = int.Parse(cluster.Spec.Postgresql!.Parameters["max_connections"], CultureInfo.InvariantCulture);
            var maxReplicas = rendered.Named<k8s.Models.V2HorizontalPodAutoscaler>(api).Spec.MaxReplicas;

            Assert.True(pool.MaxPoolSize * maxReplicas + reserved <= maxConnections,
                $"{api}: {maxReplicas} instances × {pool.MaxPoolSize} connections + {reserved} > max_connections {maxConnections}");
        }
    }

    [Fact]
    public void Production_archives_and_backs_up_every_database_daily_to_an_object_store()
    {
        var rendered = Manifests.Render("production");
        var stores = rendered.All<ObjectStore>().ToList();
        var schedules = rendered.All<ScheduledBackup>().ToList();

        foreach (var cluster in rendered.All<PostgresCluster>())
        {
            // CloudNativePG labels its instance pods with their cluster and role; their metrics port is "metrics".
            var instance = new Dictionary<string, string> { ["cnpg.io/cluster"] = cluster.Metadata.Name, ["cnpg.io/podRole"] = "instance" };
            var monitor = Assert.Single(rendered.All<PodMonitor>(), monitor => Selects(monitor.Spec.Selector, instance));
            Assert.Equal("metrics", Assert.Single(monitor.Spec.PodMetricsEndpoints).Port);
            var plugin = Assert.Single(cluster.Spec.Plugins, plugin => plugin.Name == BarmanPlugin);
            Assert.True(plugin.IsWalArchiver);
            var store = Assert.Single(stores, store => store.Metadata.Name == plugin.Parameters["barmanObjectName"]);
            Assert.Equal("30d", store.Spec.RetentionPolicy);
            Assert.StartsWith("s3://", store.Spec.Configuration?.DestinationPath, StringComparison.Ordinal);
            foreach (var reference in new[] { store.Spec.Configuration?.S3Credentials?.AccessKeyId, store.Spec.Configuration?.S3Credentials?.SecretAccessKey })
            {
                Assert.False(string.IsNullOrEmpty(reference?.Name) || string.IsNullOrEmpty(reference.Key), $"{store.Metadata.Name}: credentials must be a Secret reference");
            }

            var schedule = Assert.Single(schedules, schedule => schedule.Spec.Cluster?.Name == cluster.Metadata.Name);
            Assert.Equal(("plugin", BarmanPlugin), (schedule.Spec.Method, schedule.Spec.PluginConfiguration?.Name));
            AssertDaily(schedule.Spec.Schedule);
        }

        Assert.Equal(stores.Count, stores.Select(store => store.Spec.Configuration?.DestinationPath).Distinct().Count());
    }

    [Fact]
    public void Locally_nothing_is_backed_up()
    {
        var rendered = Manifests.Render("local");

        Assert.Empty(rendered.All<ObjectStore>());
        Assert.Empty(rendered.All<ScheduledBackup>());
        Assert.All(rendered.All<PostgresCluster>(), cluster => Assert.Empty(cluster.Spec.Plugins));
    }

    [Theory]
    [InlineData("production", 3)]
    [InlineData("local", 1)]
    public void The_broker_is_a_persistent_rabbitmq_cluster(string overlay, int replicas)
    {
        var broker = Assert.Single(Manifests.Render(overlay).All<RabbitmqCluster>());

        Assert.Equal(replicas, broker.Spec.Replicas);
        Assert.False(string.IsNullOrEmpty(broker.Spec.Persistence?.Storage));
        Assert.True(broker.Spec.Resources?.Requests.ContainsKey("memory"));
        Assert.Equal(broker.Spec.Resources?.Requests["memory"], broker.Spec.Resources?.Limits["memory"]);
    }

    [Theory]
    [InlineData("production")]
    [InlineData("local")]
    public void Every_broker_node_runs_without_busy_waiting_schedulers_as_the_local_node_and_the_container_do(string overlay)
    {
        var broker = Assert.Single(Manifests.Render(overlay).All<RabbitmqCluster>());
        var script = File.ReadAllText(Path.Combine(RepositoryRoot.Path(), "PayeTonKawa.AppHost", "LocalServers", "rabbitmq.sh"));

        Assert.Contains($"SERVER_ADDITIONAL_ERL_ARGS=\"{BrokerScheduling.ErlangArguments}\"", broker.Spec.Rabbitmq?.EnvConfig, StringComparison.Ordinal);
        Assert.Contains($"{BrokerScheduling.EnvironmentVariable}-{BrokerScheduling.ErlangArguments}}}", script, StringComparison.Ordinal);
    }

    private static bool Selects(k8s.Models.V1LabelSelector selector, Dictionary<string, string> labels) =>
        (selector.MatchLabels ?? new Dictionary<string, string>()).All(label => labels.TryGetValue(label.Key, out var value) && value == label.Value)
        && (selector.MatchExpressions ?? []).All(expression => expression.OperatorProperty == "In"
            && labels.TryGetValue(expression.Key, out var value) && expression.Values.Contains(value));

    // CloudNativePG schedules have six fields, seconds first: "0 0 2 * * *" is 02:00:00 every day.
    private static void AssertDaily(string schedule)
    {
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, fields.Length);
        Assert.All(fields[..3], field => Assert.True(int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out _), $"{schedule}: {field}"));
        Assert.Equal(["*", "*", "*"], fields[3..]);
    }
}
