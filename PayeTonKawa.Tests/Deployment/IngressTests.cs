using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using PayeTonKawa.Produits.Images;
using PayeTonKawa.ServiceDefaults.Telemetry;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// The two Ingresses, read the way ingress-nginx serves them: the legacy routes reach their API unchanged, each API also
/// answers under its own prefix, and /metrics is never reachable from outside.
/// </summary>
public sealed class IngressTests
{
    private const string ProductionHost = "api.payetonkawa.ouzfa.com";
    private const string RegexAnnotation = "nginx.ingress.kubernetes.io/use-regex";
    private const string RewriteAnnotation = "nginx.ingress.kubernetes.io/rewrite-target";
    private const string BodySizeAnnotation = "nginx.ingress.kubernetes.io/proxy-body-size";
    private const string IssuerAnnotation = "cert-manager.io/cluster-issuer";

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

        var routed = Send(rendered, path);

        Assert.Equal((api, path), (routed?.Service, routed?.Path));
        Assert.Equal(Assert.Single(rendered.Named<V1Service>(api).Spec.Ports).Name, routed?.Port);
    }

    [Theory]
    [MemberData(nameof(LegacyRequestsOfEachOverlay))]
    public void The_same_route_reaches_its_api_under_the_apis_own_prefix(string overlay, string path, string api)
    {
        var rendered = Manifests.Render(overlay);

        var routed = Send(rendered, $"/{api}{path}");

        Assert.Equal((api, path), (routed?.Service, routed?.Path));
        Assert.Equal(Assert.Single(rendered.Named<V1Service>(api).Spec.Ports).Name, routed?.Port);
    }

    [Theory]
    [MemberData(nameof(Manifests.ApisOfEachOverlay), MemberType = typeof(Manifests))]
    public void Health_and_the_welcome_page_answer_under_the_apis_prefix(string overlay, string api)
    {
        var rendered = Manifests.Render(overlay);

        foreach (var (path, expected) in new[] { ($"/{api}/health", "/health"), ($"/{api}", "/"), ($"/{api}/", "/") })
        {
            var routed = Send(rendered, path);
            Assert.Equal((api, expected), (routed?.Service, routed?.Path));
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.OverlayNames), MemberType = typeof(Manifests))]
    public void Metrics_are_never_reachable_through_the_ingress(string overlay)
    {
        var rendered = Manifests.Render(overlay);
        var metrics = OpenTelemetryExtensions.MetricsPath;
        var attempts = new[] { metrics, metrics + "/", metrics.ToUpperInvariant() }
            .Concat(Manifests.Apis.SelectMany(api => new[]
            {
                $"/{api}{metrics}", $"/{api}{metrics}/", $"/{api}{metrics.ToUpperInvariant()}", $"/{api.ToUpperInvariant()}{metrics}",
            }));

        foreach (var attempt in attempts)
        {
            var routed = Send(rendered, attempt);
            Assert.True(routed is null || !string.Equals(routed.Value.Path.TrimEnd('/'), metrics, StringComparison.OrdinalIgnoreCase),
                $"{overlay}: {attempt} reaches {routed?.Service} as {routed?.Path}");
        }
    }

    [Fact]
    public void Production_serves_the_public_host_over_tls_with_one_certificate_request()
    {
        var ingresses = Manifests.Render("production").All<V1Ingress>().ToList();

        Assert.NotEmpty(ingresses);
        Assert.All(ingresses, ingress =>
        {
            Assert.Equal("nginx", ingress.Spec.IngressClassName);
            Assert.All(ingress.Spec.Rules, rule => Assert.Equal(ProductionHost, rule.Host));
            Assert.Contains(ProductionHost, Assert.Single(ingress.Spec.Tls).Hosts);
        });
        Assert.Single(ingresses.Select(ingress => ingress.Spec.Tls[0].SecretName).Distinct());
        // cert-manager makes one Certificate per Ingress that asks: two asking for the same Secret would fight over it.
        var issuer = Assert.Single(ingresses, ingress => ingress.Metadata.Annotations?.ContainsKey(IssuerAnnotation) == true);
        Assert.False(string.IsNullOrWhiteSpace(issuer.Metadata.Annotations[IssuerAnnotation]));
    }

    [Fact]
    public void Locally_any_host_is_served_without_tls()
    {
        var ingresses = Manifests.Render("local").All<V1Ingress>().ToList();

        Assert.NotEmpty(ingresses);
        Assert.All(ingresses, ingress =>
        {
            Assert.Equal("nginx", ingress.Spec.IngressClassName);
            Assert.All(ingress.Spec.Rules, rule => Assert.Null(rule.Host));
            Assert.Null(ingress.Spec.Tls);
            Assert.False(ingress.Metadata.Annotations?.ContainsKey(IssuerAnnotation));
        });
    }

    [Theory]
    [MemberData(nameof(Manifests.OverlayNames), MemberType = typeof(Manifests))]
    public void Every_ingress_to_produits_lets_the_largest_image_through(string overlay)
    {
        var rendered = Manifests.Render(overlay);
        var limit = ImageLimit(rendered);
        var toProduits = rendered.All<V1Ingress>()
            .Where(ingress => ingress.Spec.Rules.Any(rule => rule.Http.Paths.Any(path => path.Backend.Service.Name == "produits")))
            .ToList();

        Assert.NotEmpty(toProduits);
        // The multipart envelope comes on top of the image: nginx must let a bit more through, and the API answers its own 413.
        Assert.All(toProduits, ingress => Assert.True(BodySize(ingress) > limit,
            $"{ingress.Metadata.Name}: proxy-body-size {BodySize(ingress)} bytes for images up to {limit} bytes"));
    }

    /// <summary>
    /// Where ingress-nginx sends <paramref name="path"/> (on the production host, or any host locally): as soon as one
    /// Ingress of a host uses regexes, every path of that host is a case-insensitive regex anchored at the start, tried
    /// longest first; a rewrite-target then replaces the path with the captured groups.
    /// </summary>
    private static (string Service, string Port, string Path)? Send(Rendered rendered, string path)
    {
        var host = rendered.IsProduction ? ProductionHost : "localhost";
        var ingresses = rendered.All<V1Ingress>().Where(ingress => ingress.Spec.IngressClassName == "nginx").ToList();
        var candidates = ingresses
            .SelectMany(ingress => ingress.Spec.Rules.Where(rule => rule.Host is null || rule.Host == host)
                .SelectMany(rule => rule.Http.Paths.Select(route => (Ingress: ingress, Route: route))))
            .OrderByDescending(candidate => candidate.Route.Path.Length)
            .ToList();
        var regexes = candidates.Any(candidate => UsesRegex(candidate.Ingress));
        foreach (var (ingress, route) in candidates)
        {
            var match = regexes
                ? Regex.Match(path, "^" + route.Path, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
                : Regex.Match(path, route.PathType == "Exact" ? $"^{Regex.Escape(route.Path)}$" : $"^{Regex.Escape(route.Path.TrimEnd('/'))}(/|$)",
                    RegexOptions.None, TimeSpan.FromSeconds(1));
            if (!match.Success)
            {
                continue;
            }

            var rewritten = ingress.Metadata.Annotations?.TryGetValue(RewriteAnnotation, out var target) == true
                ? Regex.Replace(target, @"\$(\d)", group => match.Groups[int.Parse(group.Groups[1].Value, CultureInfo.InvariantCulture)].Value,
                    RegexOptions.None, TimeSpan.FromSeconds(1))
                : path;
            var port = route.Backend.Service.Port;
            return (route.Backend.Service.Name, port.Name ?? port.Number?.ToString(CultureInfo.InvariantCulture) ?? "", rewritten);
        }

        return null;
    }

    private static bool UsesRegex(V1Ingress ingress) =>
        ingress.Metadata.Annotations is { } annotations
        && ((annotations.TryGetValue(RegexAnnotation, out var regex) && regex == "true") || annotations.ContainsKey(RewriteAnnotation));

    // The Produits API's image limit: ImageOptions as its configuration (appsettings.json, then the ConfigMap) sets it.
    private static long ImageLimit(Rendered rendered)
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

    // nginx sizes: a number of bytes, or of k, m or g (powers of 1024).
    private static long BodySize(V1Ingress ingress)
    {
        var value = ingress.Metadata.Annotations?.TryGetValue(BodySizeAnnotation, out var size) == true ? size : "1m"; // nginx's default
        var match = Regex.Match(value, "^([0-9]+)([kKmMgG]?)$", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(match.Success, $"{ingress.Metadata.Name}: proxy-body-size {value}");
        var unit = match.Groups[2].Value.ToUpperInvariant() switch { "K" => 1L << 10, "M" => 1L << 20, "G" => 1L << 30, _ => 1L };
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * unit;
    }
}
