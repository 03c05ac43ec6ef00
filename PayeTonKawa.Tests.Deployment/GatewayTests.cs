using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using PayeTonKawa.Produits.Images;
using PayeTonKawa.ServiceDefaults.Telemetry;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// The edge (Gateway API, Envoy Gateway), read the way Envoy Gateway serves it: the legacy routes reach their API
/// unchanged, each API also answers under its own prefix, /metrics is never reachable from outside, production is
/// HTTPS only with a cert-manager certificate, uploads fit, and the APIs see the client's own address.
/// </summary>
public sealed partial class GatewayTests
{
    /// <summary>The multipart envelope the Produits API accepts on top of Images:MaxBytes (ImagesEndpoints.FormOverhead).</summary>
    private const long FormOverhead = 64 * 1024;

    /// <summary>A request of each legacy route (the contract's prefixes and the public image route) and the API that serves it.</summary>
    private static readonly (string Path, string Api)[] LegacyRequests =
    [
        ("/customers/", "clients"), ("/customers/12", "clients"), ("/customers/login", "clients"),
        ("/products/", "produits"), ("/products/3/image", "produits"), ("/products/uploads/produit_3.png", "produits"),
        ("/uploads/produit_3.png", "produits"),
        ("/orders/", "commandes"), ("/orders/7", "commandes"), ("/orders/client/4", "commandes"),
    ];

    public static TheoryData<string, string, string> LegacyRequestsOfEachOverlay
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var overlay in Manifests.Overlays)
            {
                foreach (var (path, api) in LegacyRequests)
                {
                    data.Add(overlay, path, api);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(LegacyRequestsOfEachOverlay))]
    public void A_legacy_route_reaches_its_api_unchanged(string overlay, string path, string api)
    {
        var rendered = Manifests.Render(overlay);

        var routed = EdgeRouter.Send(rendered, path);

        Assert.Equal((api, path), (routed?.Service, routed?.Path));
        Assert.Equal(Assert.Single(rendered.Named<V1Service>(api).Spec.Ports).Port, routed?.Port);
    }

    [Theory]
    [MemberData(nameof(LegacyRequestsOfEachOverlay))]
    public void The_same_route_reaches_its_api_under_the_apis_own_prefix(string overlay, string path, string api)
    {
        var rendered = Manifests.Render(overlay);

        var routed = EdgeRouter.Send(rendered, $"/{api}{path}?page=2");

        Assert.Equal((api, path), (routed?.Service, routed?.Path));
        Assert.Equal(Assert.Single(rendered.Named<V1Service>(api).Spec.Ports).Port, routed?.Port);
    }

    [Theory]
    [MemberData(nameof(Manifests.ApisOfEachOverlay), MemberType = typeof(Manifests))]
    public void Health_and_the_welcome_page_answer_under_the_apis_prefix(string overlay, string api)
    {
        var rendered = Manifests.Render(overlay);

        foreach (var (path, expected) in new[] { ($"/{api}/health", "/health"), ($"/{api}", "/"), ($"/{api}/", "/") })
        {
            var routed = EdgeRouter.Send(rendered, path);
            Assert.Equal((api, expected), (routed?.Service, routed?.Path));
        }

        Assert.Null(EdgeRouter.Send(rendered, $"/{api}x/health"));
    }

    [Theory]
    [MemberData(nameof(Manifests.OverlayNames), MemberType = typeof(Manifests))]
    public void Metrics_are_never_reachable_through_the_gateway(string overlay)
    {
        var rendered = Manifests.Render(overlay);
        var metrics = OpenTelemetryExtensions.MetricsPath;
        var attempts = new[] { metrics, metrics + "/", metrics.ToUpperInvariant(), "/" + metrics }
            .Concat(Manifests.Apis.SelectMany(api => new[]
            {
                $"/{api}{metrics}", $"/{api}{metrics}/", $"/{api}{metrics.ToUpperInvariant()}", $"/{api}/Metrics", $"/{api.ToUpperInvariant()}{metrics}",
                $"/{api}/{metrics}", $"//{api}{metrics}", $"/{api}{metrics}?name=x", $"/{api}{metrics}/x",
            }));

        foreach (var attempt in attempts)
        {
            var routed = EdgeRouter.Send(rendered, attempt);
            Assert.True(routed is null || routed.DirectStatus == 404 || routed.Service is null
                    || !string.Equals(routed.Path!.TrimEnd('/'), metrics, StringComparison.OrdinalIgnoreCase),
                $"{overlay}: {attempt} reaches {routed?.Service} as {routed?.Path}");
        }

        // The refusal is Envoy's own 404 for a prefix path, not a route that happens to be missing.
        Assert.All(Manifests.Apis, api => Assert.Equal(404, EdgeRouter.Send(rendered, $"/{api}{metrics}")?.DirectStatus));
    }

    [Theory]
    [MemberData(nameof(Manifests.OverlayNames), MemberType = typeof(Manifests))]
    public void The_gateway_is_envoy_gateways_with_its_settings_beside_it(string overlay)
    {
        var rendered = Manifests.Render(overlay);
        var gateway = rendered.Named<Gateway>("payetonkawa");
        var parameters = gateway.Spec.Infrastructure?.ParametersRef;

        Assert.Equal("envoy-gateway", gateway.Spec.GatewayClassName);
        Assert.Equal(("gateway.envoyproxy.io", "EnvoyProxy"), (parameters?.Group, parameters?.Kind));
        Assert.Equal("Kubernetes", rendered.Named<EnvoyProxy>(parameters!.Name).Spec.Provider?.Type);
        var targets = rendered.All<ClientTrafficPolicy>().SelectMany(policy => policy.Spec.TargetRefs)
            .Concat(rendered.All<BackendTrafficPolicy>().SelectMany(policy => policy.Spec.TargetRefs)).ToList();
        Assert.Equal(2, targets.Count);
        Assert.All(targets, target => Assert.Equal(("gateway.networking.k8s.io", "Gateway", "payetonkawa"), (target.Group, target.Kind, target.Name)));
        Assert.Empty(rendered.Objects.OfType<V1Ingress>());
    }

    [Theory]
    [InlineData("production")]
    [InlineData("staging")]
    public void A_deployed_overlay_serves_its_public_host_over_https_only_with_a_certificate_from_cert_manager(string overlay)
    {
        var rendered = Manifests.Render(overlay);
        var host = Manifests.PublicHosts[overlay];
        var gateway = rendered.Named<Gateway>("payetonkawa");
        var certificate = Assert.Single(rendered.All<Certificate>());

        var https = Assert.Single(gateway.Spec.Listeners, listener => listener.Protocol == "HTTPS");
        Assert.Equal((443, host, "Terminate"), (https.Port, https.Hostname, https.Tls?.Mode));
        var secret = Assert.Single(https.Tls!.CertificateRefs);
        Assert.Equal(("Secret", certificate.Spec.SecretName), (secret.Kind, secret.Name));
        Assert.Equal([host], certificate.Spec.DnsNames);
        Assert.Equal(("cert-manager.io", "ClusterIssuer", "letsencrypt"), (certificate.Spec.IssuerRef?.Group, certificate.Spec.IssuerRef?.Kind, certificate.Spec.IssuerRef?.Name));

        var http = Assert.Single(gateway.Spec.Listeners, listener => listener.Protocol == "HTTP");
        Assert.Equal((80, host), (http.Port, http.Hostname));
        foreach (var path in new[] { "/customers/", "/produits/health", "/" })
        {
            Assert.Equal((301, "https"), (EdgeRouter.Send(rendered, path, https: false)?.DirectStatus, EdgeRouter.Send(rendered, path, https: false)?.RedirectScheme));
        }
    }

    [Fact]
    public void Locally_any_host_is_served_over_plain_http_on_the_node_port_kind_publishes()
    {
        var rendered = Manifests.Render("local");
        var gateway = rendered.Named<Gateway>("payetonkawa");
        var envoy = rendered.Named<EnvoyProxy>(gateway.Spec.Infrastructure!.ParametersRef!.Name);
        var kind = File.ReadAllText(Path.Combine(RepositoryRoot.Path(), "deploy", "kind", "cluster.yaml"));

        var listener = Assert.Single(gateway.Spec.Listeners);
        Assert.Equal(("HTTP", 80, null), (listener.Protocol, listener.Port, listener.Hostname));
        Assert.Null(listener.Tls);
        Assert.Empty(rendered.All<Certificate>());
        Assert.Equal("NodePort", envoy.Spec.Provider?.Kubernetes?.EnvoyService?.Type);
        var nodePort = Kustomize.Scalar(YamlOf(rendered, "EnvoyProxy"), "spec", "provider", "kubernetes", "envoyService", "patch", "value", "spec", "ports", "0", "nodePort");
        Assert.Matches($@"containerPort: {nodePort}\s+hostPort: 80\s", kind);
    }

    [Theory]
    [MemberData(nameof(Manifests.OverlayNames), MemberType = typeof(Manifests))]
    public void The_largest_image_gets_through_the_gateway_in_time(string overlay)
    {
        var rendered = Manifests.Render(overlay);
        var buffer = Assert.Single(rendered.All<BackendTrafficPolicy>()).Spec.RequestBuffer?.Limit;
        var received = Seconds(Assert.Single(rendered.All<ClientTrafficPolicy>()).Spec.Timeout?.Http?.RequestReceivedTimeout);
        var toProduits = rendered.All<HttpRoute>().SelectMany(route => route.Spec.Rules)
            .Where(rule => rule.BackendRefs.Any(backend => backend.Name == "produits")).ToList();

        // The API answers its own French 413 above its limit: the gateway must let a bit more through.
        Assert.True(new ResourceQuantity(buffer).ToInt64() > ImageLimit(rendered) + FormOverhead, $"{overlay}: request buffer {buffer} for images up to {ImageLimit(rendered)} bytes");
        Assert.NotEmpty(toProduits);
        Assert.All(toProduits, rule =>
        {
            // The exchange may last as long as the upload may take to arrive, plus the API's own answer.
            Assert.True(Seconds(rule.Timeouts?.Request) >= received + Seconds(rule.Timeouts?.BackendRequest),
                $"{overlay}: request timeout {rule.Timeouts?.Request} < {received} s to receive + backend {rule.Timeouts?.BackendRequest}");
        });
    }

    [Theory]
    [MemberData(nameof(Manifests.OverlayNames), MemberType = typeof(Manifests))]
    public void The_apis_see_the_clients_own_address(string overlay)
    {
        var rendered = Manifests.Render(overlay);
        var gateway = rendered.Named<Gateway>("payetonkawa");
        var envoy = rendered.Named<EnvoyProxy>(gateway.Spec.Infrastructure!.ParametersRef!.Name);
        var detection = Assert.Single(rendered.All<ClientTrafficPolicy>()).Spec.ClientIpDetection?.XForwardedFor;

        // The load balancer keeps the client's address (no SNAT to a node), Envoy takes its TCP peer as the client and
        // appends it to X-Forwarded-For, and the APIs trust that header from the pod network Envoy runs in.
        Assert.Equal("Local", envoy.Spec.Provider?.Kubernetes?.EnvoyService?.ExternalTrafficPolicy);
        Assert.Equal(0, detection?.NumTrustedHops);
        Assert.NotEmpty(TrustedNetworks(rendered));
    }

    [Fact]
    public void Locally_the_apis_trust_exactly_the_pod_network_of_the_kind_cluster()
    {
        var kind = File.ReadAllText(Path.Combine(RepositoryRoot.Path(), "deploy", "kind", "cluster.yaml"));
        var podSubnet = PodSubnet().Match(kind).Groups[1].Value;

        Assert.Equal([podSubnet], TrustedNetworks(Manifests.Render("local")));
    }

    [Fact]
    public void The_base_trusts_no_network_each_overlay_says_which()
    {
        var data = Manifests.Render("base").ConfigMap("payetonkawa-config").Data;

        Assert.DoesNotContain(data.Keys, key => key.StartsWith("ForwardedHeaders__", StringComparison.Ordinal));
        Assert.All(Manifests.Overlays, overlay => Assert.All(TrustedNetworks(Manifests.Render(overlay)),
            network => Assert.True(System.Net.IPNetwork.TryParse(network, out _), $"{overlay}: {network} is not a CIDR network")));
    }

    internal static List<string> TrustedNetworks(Rendered rendered) =>
        [.. rendered.ConfigMap("payetonkawa-config").Data
            .Where(pair => pair.Key.StartsWith("ForwardedHeaders__KnownNetworks__", StringComparison.Ordinal)).Select(pair => pair.Value)];

    // The Produits API's image limit: ImageOptions as its configuration (appsettings.json, then the ConfigMap) sets it.
    internal static long ImageLimit(Rendered rendered)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryRoot.Path(), "PayeTonKawa.Produits", "appsettings.json"))
            .AddInMemoryCollection(rendered.ConfigMap("payetonkawa-config").Data
                .Select(pair => KeyValuePair.Create(pair.Key.Replace("__", ":", StringComparison.Ordinal), (string?)pair.Value)))
            .Build();
        var options = new ImageOptions();
        configuration.GetSection(ImageOptions.SectionName).Bind(options);
        return options.MaxBytes;
    }

    private static YamlDotNet.RepresentationModel.YamlMappingNode YamlOf(Rendered rendered, string kind) =>
        Assert.Single(Kustomize.Documents(Kustomize.RenderYaml(Manifests.DirectoryOf(rendered.Overlay))), document => Kustomize.Scalar(document, "kind") == kind);

    // Gateway API and Envoy Gateway durations: "90s", "1m", "1m30s".
    private static int Seconds(string? duration)
    {
        Assert.False(string.IsNullOrEmpty(duration), "a timeout is missing");
        var total = 0;
        foreach (Match part in Duration().Matches(duration))
        {
            total += int.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture) * (part.Groups[2].Value switch { "h" => 3600, "m" => 60, _ => 1 });
        }

        Assert.True(total > 0, $"unreadable duration {duration}");
        return total;
    }

    [GeneratedRegex("([0-9]+)(h|m|s)")]
    private static partial Regex Duration();

    [GeneratedRegex("podSubnet: \"([^\"]+)\"")]
    private static partial Regex PodSubnet();
}
