using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.ServiceDefaults.Security;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// A Deployment gives its API everything the AppHost gives it (apart from Aspire's own plumbing), under the same
/// names, so that the API runs on Kubernetes exactly as under Aspire; and the shared ConfigMap binds to the APIs' settings.
/// </summary>
public sealed class AppHostParityTests
{
    /// <summary>What the AppHost sets for Aspire's sake only, and why a Deployment leaves it out.</summary>
    private static readonly (string Prefix, string Reason)[] AspirePlumbing =
    [
        ("OTEL_", "OpenTelemetry export to the Aspire dashboard: in production the telemetry patch points it at the collector (TelemetryTests)"),
        ("ASPNETCORE_URLS", "the port Aspire allocated, on localhost: the image listens on ASPNETCORE_HTTP_PORTS=8080 on every interface"),
        ("HTTP_PORTS", "same as ASPNETCORE_URLS: the image's own port"),
        ("HTTPS_PORTS", "TLS ends at the ingress controller"),
        ("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "would trust every proxy: the ConfigMap trusts the pod network only (ForwardedHeaders__KnownNetworks)"),
        ("DOTNET_", "runtime switches of Aspire's local runs (launch profiles, dashboard)"),
        ("LOGGING__", "console log format of Aspire's dashboard: the APIs write JSON lines themselves"),
    ];

    [Theory]
    [MemberData(nameof(Manifests.OverlayNames), MemberType = typeof(Manifests))]
    public async Task Every_variable_the_apphost_gives_an_api_is_provided_by_its_deployment(string overlay)
    {
        var apis = await AppHostModel.ApisAsync();
        var rendered = Manifests.Render(overlay);

        Assert.Equal(Manifests.Apis.Order(StringComparer.Ordinal), apis.Keys.Order(StringComparer.Ordinal));
        foreach (var api in apis.Values)
        {
            var container = rendered.Container(api.Name);
            var fromConfigMaps = rendered.EnvFromConfigMaps(api.Name);
            var provided = (container.Env ?? []).Select(variable => variable.Name).Concat(fromConfigMaps.Keys).ToHashSet(StringComparer.Ordinal);
            var expected = api.Environment.Keys
                .Where(name => !AspirePlumbing.Any(plumbing => name.StartsWith(plumbing.Prefix, StringComparison.OrdinalIgnoreCase)))
                .ToList();

            Assert.NotEmpty(expected);
            Assert.All(expected, name => Assert.True(provided.Contains(name), $"{overlay}/{api.Name}: the AppHost gives {name}, the Deployment does not"));
            // Secrets of the AppHost are secrets in the cluster too; its literal values are the same (bar the environment name).
            foreach (var name in expected.Where(api.IsSecret))
            {
                Assert.NotNull(rendered.Env(api.Name, name).ValueFrom?.SecretKeyRef);
            }

            foreach (var name in expected.Where(name => !api.Environment[name].Contains('{', StringComparison.Ordinal) && name != "ASPNETCORE_ENVIRONMENT"))
            {
                var value = container.Env?.SingleOrDefault(variable => variable.Name == name)?.Value ?? fromConfigMaps[name];
                Assert.Equal(api.Environment[name], value);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.OverlayNames), MemberType = typeof(Manifests))]
    public async Task The_connection_strings_are_the_ones_the_code_reads_and_reach_the_right_servers(string overlay)
    {
        var apis = await AppHostModel.ApisAsync();
        var rendered = Manifests.Render(overlay);
        var broker = Assert.Single(rendered.All<RabbitmqCluster>());

        foreach (var api in apis.Values)
        {
            var given = api.Environment.Keys.Where(IsConnectionString).Order(StringComparer.Ordinal).ToList();
            var provided = (rendered.Container(api.Name).Env ?? []).Select(variable => variable.Name).Where(IsConnectionString).Order(StringComparer.Ordinal);
            Assert.Equal(given, provided);
            Assert.Contains("ConnectionStrings__messaging", given);

            var databaseName = Assert.Single(given, name => name != "ConnectionStrings__messaging")["ConnectionStrings__".Length..];
            var database = new NpgsqlConnectionStringBuilder(rendered.Expanded(api.Name, "ConnectionStrings__" + databaseName));
            var cluster = rendered.Named<PostgresCluster>(ApiWorkloadTests.DatabaseOf(rendered, api.Name));
            Assert.Equal(databaseName, database.Database);
            Assert.Equal(cluster.Spec.Bootstrap?.Initdb?.Database, database.Database);
            Assert.Equal(api.Name, cluster.Spec.Bootstrap?.Initdb?.Owner);
            // The read-write Service of the cluster: after a failover it points at the promoted replica.
            Assert.Equal($"{cluster.Metadata.Name}-rw", database.Host);
            Assert.Equal(5432, database.Port);
            Assert.Equal(("<DB_USERNAME>", "<DB_PASSWORD>"), (database.Username, database.Password));
            AssertFromSecret(rendered, api.Name, "DB_USERNAME", $"{cluster.Metadata.Name}-app", "username");
            AssertFromSecret(rendered, api.Name, "DB_PASSWORD", $"{cluster.Metadata.Name}-app", "password");
            AssertServerCertificateIsChecked(rendered, api.Name, database, cluster.Metadata.Name);

            var messaging = new Uri(rendered.Expanded(api.Name, "ConnectionStrings__messaging"));
            Assert.Equal(("amqp", broker.Metadata.Name, 5672), (messaging.Scheme, messaging.Host, messaging.Port));
            Assert.Equal("<MQ_USERNAME>:<MQ_PASSWORD>", Uri.UnescapeDataString(messaging.UserInfo));
            AssertFromSecret(rendered, api.Name, "MQ_USERNAME", $"{broker.Metadata.Name}-default-user", "username");
            AssertFromSecret(rendered, api.Name, "MQ_PASSWORD", $"{broker.Metadata.Name}-default-user", "password");
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.ApisOfEachOverlay), MemberType = typeof(Manifests))]
    public void The_prometheus_key_has_only_the_metrics_scope(string overlay, string api)
    {
        var rendered = Manifests.Render(overlay);

        Assert.Equal(Scopes.MetricsRead, rendered.Env(api, "ApiKeys__Keys__prometheus__Scopes__0").Value);
        Assert.DoesNotContain(rendered.Container(api).Env, variable => variable.Name == "ApiKeys__Keys__prometheus__Scopes__1");
    }

    [Theory]
    [MemberData(nameof(Manifests.OverlayNames), MemberType = typeof(Manifests))]
    public void The_configmap_binds_to_the_apis_settings_and_passes_their_validation(string overlay)
    {
        var data = Manifests.Render(overlay).ConfigMap("payetonkawa-config").Data;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        // The keys as ASP.NET Core reads environment variables: "__" is the section separator.
        builder.Configuration.AddInMemoryCollection(data.Select(pair => KeyValuePair.Create(pair.Key.Replace("__", ":", StringComparison.Ordinal), (string?)pair.Value)));
        builder.AddAllowedOrigins();
        builder.AddTrustedProxies();
        using var host = builder.Build();

        // Validation runs here (the APIs run it at start-up) and every key lands in a setting.
        var cors = host.Services.GetRequiredService<IOptions<CorsSettings>>().Value;
        var proxies = host.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value;
        Assert.Equal(data.Where(pair => pair.Key.StartsWith("Cors__AllowedOrigins__", StringComparison.Ordinal)).Select(pair => pair.Value).Order(StringComparer.Ordinal),
            (cors.AllowedOrigins ?? []).Order(StringComparer.Ordinal));
        Assert.Equal(data.Where(pair => pair.Key.StartsWith("ForwardedHeaders__KnownNetworks__", StringComparison.Ordinal)).Select(pair => pair.Value).Order(StringComparer.Ordinal),
            proxies.KnownNetworks.Order(StringComparer.Ordinal));
        Assert.NotEmpty(cors.Origins);
        Assert.True(proxies.IsConfigured, "without a trusted network, every caller would share the ingress controller's address (and its rate limit)");
        Assert.Equal(Environments.Production, data["ASPNETCORE_ENVIRONMENT"]);
        Assert.All(data.Keys, key => Assert.True(key.StartsWith("Cors__AllowedOrigins__", StringComparison.Ordinal)
            || key.StartsWith("ForwardedHeaders__KnownNetworks__", StringComparison.Ordinal) || key == "ASPNETCORE_ENVIRONMENT", $"{key} is read by no setting"));
    }

    private static bool IsConnectionString(string name) => name.StartsWith("ConnectionStrings__", StringComparison.Ordinal);

    private static void AssertFromSecret(Rendered rendered, string api, string variable, string secret, string key)
    {
        var reference = rendered.Env(api, variable).ValueFrom?.SecretKeyRef;
        Assert.Equal((secret, key), (reference?.Name, reference?.Key));
    }

    // TLS to PostgreSQL, the server's certificate checked against the cluster's CA, mounted from the Secret CloudNativePG makes.
    private static void AssertServerCertificateIsChecked(Rendered rendered, string api, NpgsqlConnectionStringBuilder database, string cluster)
    {
        Assert.Equal(SslMode.VerifyFull, database.SslMode);
        var pod = rendered.Deployment(api).Spec.Template.Spec;
        var directory = Path.GetDirectoryName(database.RootCertificate)!;
        var mount = Assert.Single(Assert.Single(pod.Containers).VolumeMounts, mount => mount.MountPath == directory);
        Assert.True(mount.ReadOnlyProperty);
        var secret = Assert.Single(pod.Volumes, volume => volume.Name == mount.Name).Secret;
        Assert.Equal($"{cluster}-ca", secret.SecretName);
        var item = Assert.Single(secret.Items);
        Assert.Equal(("ca.crt", Path.GetFileName(database.RootCertificate)), (item.Key, item.Path));
    }
}
