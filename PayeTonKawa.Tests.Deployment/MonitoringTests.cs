using System.Text.RegularExpressions;
using k8s.Models;
using PayeTonKawa.ServiceDefaults.Telemetry;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>Production monitoring: Prometheus scrapes every API with its own key, and alerts on what the design lists.</summary>
public sealed partial class MonitoringTests
{
    /// <summary>The alerts the design asks for, each by what its expression must read.</summary>
    public static TheoryData<string, string[]> RequiredAlerts => new()
    {
        { "5xx ratio", ["http_server_request_duration_seconds_count", "5.."] },
        { "p95 latency", ["histogram_quantile(0.95", "http_server_request_duration_seconds_bucket"] },
        { "messages in a dead-letter queue", ["payetonkawa_queue_messages", @".+\\.dlq"] },
        { "outbox backlog growing", ["payetonkawa_outbox_pending", "deriv("] },
        { "queue depth growing", ["payetonkawa_queue_messages", "deriv("] },
        { "pods restarting", ["kube_pod_container_status_restarts_total"] },
        { "database unreachable", ["cnpg_collector_up", "absent("] },
        { "broker unreachable", ["rabbitmq_identity_info", "up{"] },
        { "bursts of refused access (ticket 016)", ["http_server_request_duration_seconds_count", "401|403|429"] },
    };

    [Fact]
    public void The_service_monitor_scrapes_metrics_of_every_api_with_the_key_the_apis_accept()
    {
        var rendered = Manifests.Render("production");
        var monitor = rendered.Named<ServiceMonitor>("payetonkawa-apis");
        var endpoint = Assert.Single(monitor.Spec.Endpoints);
        var selected = rendered.All<V1Service>().Where(service => monitor.Spec.Selector.MatchLabels.All(label =>
            service.Metadata.Labels?.TryGetValue(label.Key, out var value) == true && value == label.Value)).ToList();

        Assert.Equal(Manifests.Apis.Order(StringComparer.Ordinal), selected.Select(service => service.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.All(selected, service => Assert.Equal(endpoint.Port, Assert.Single(service.Spec.Ports).Name));
        Assert.Equal(OpenTelemetryExtensions.MetricsPath, endpoint.Path);
        Assert.Equal("Bearer", endpoint.Authorization?.Type);
        Assert.All(Manifests.Apis, api =>
        {
            var key = rendered.Env(api, "ApiKeys__Keys__prometheus__Key").ValueFrom.SecretKeyRef;
            Assert.Equal((key.Name, key.Key), (endpoint.Authorization?.Credentials?.Name, endpoint.Authorization?.Credentials?.Key));
        });
    }

    [Fact]
    public void Every_monitoring_object_carries_the_release_label_prometheus_selects_set_in_one_place()
    {
        var rendered = Manifests.Render("production");
        var monitoring = Kustomize.Load(Path.Combine(Manifests.DirectoryOf("production"), "monitoring"));
        var release = Assert.Single(Assert.Single(monitoring.Labels).Pairs, pair => pair.Key == "release").Value;
        var objects = rendered.All<ServiceMonitor>().Cast<k8s.IKubernetesObject<V1ObjectMeta>>()
            .Concat(rendered.All<PodMonitor>()).Concat(rendered.All<PrometheusRule>()).ToList();
        var hosting = File.ReadAllText(Path.Combine(Support.RepositoryRoot.Path(), "docs", "HEBERGEMENT.md"));

        // kube-prometheus-stack selects these objects by its release label unless told otherwise: without it, no
        // alert loads and nothing is scraped, silently.
        Assert.NotEmpty(rendered.All<ServiceMonitor>());
        Assert.NotEmpty(rendered.All<PodMonitor>());
        Assert.NotEmpty(rendered.All<PrometheusRule>());
        Assert.All(objects, item => Assert.True(item.Metadata.Labels?.TryGetValue("release", out var value) == true && value == release,
            $"{item.Kind} {item.Metadata.Name}: no label release: {release}"));
        Assert.Contains($"release: {release}", hosting, StringComparison.Ordinal);
        Assert.Contains("SelectorNilUsesHelmValues", hosting, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RequiredAlerts))]
    public void Production_alerts_on_what_the_design_lists(string alert, string[] reads)
    {
        var rules = Rules().ToList();

        Assert.True(rules.Any(rule => reads.All(fragment => rule.Expr.Contains(fragment, StringComparison.Ordinal))),
            $"no alert for {alert} (an expression reading {string.Join(" and ", reads)})");
    }

    [Fact]
    public void Every_alert_has_a_severity_a_summary_and_a_french_description()
    {
        var rules = Rules().ToList();

        Assert.NotEmpty(rules);
        Assert.Equal(rules.Count, rules.Select(rule => rule.Alert).Distinct().Count());
        Assert.All(rules, rule =>
        {
            Assert.False(string.IsNullOrEmpty(rule.Alert), $"recording rule {rule.Expr}: only alerts are expected");
            Assert.Contains(rule.Labels.GetValueOrDefault("severity"), new[] { "critical", "warning" });
            Assert.False(string.IsNullOrWhiteSpace(rule.Annotations.GetValueOrDefault("summary")), $"{rule.Alert}: no summary");
            Assert.Matches(FrenchText(), rule.Annotations.GetValueOrDefault("description") ?? "");
            Assert.Matches("^[0-9]+[smh]$", rule.For ?? "0s");
        });
    }

    [Fact]
    public void Every_expression_is_balanced_and_keeps_the_labels_its_annotations_show()
    {
        foreach (var rule in Rules())
        {
            foreach (var (open, close) in new[] { ('(', ')'), ('{', '}'), ('[', ']') })
            {
                Assert.True(rule.Expr.Count(c => c == open) == rule.Expr.Count(c => c == close), $"{rule.Alert}: unbalanced {open}{close}");
            }

            // After "sum by (job)", only job is left for {{ $labels.job }}.
            var kept = ByClause().Matches(rule.Expr).SelectMany(match => match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries)).ToHashSet();
            if (kept.Count > 0)
            {
                var shown = rule.Annotations.Values.SelectMany(text => LabelReference().Matches(text).Select(match => match.Groups[1].Value));
                Assert.All(shown, label => Assert.Contains(label, kept));
            }
        }
    }

    internal static IEnumerable<AlertingRule> Rules() =>
        Manifests.Render("production").All<PrometheusRule>().SelectMany(rule => rule.Spec.Groups).SelectMany(group => group.Rules);

    /// <summary>The metric names of the APIs' own instruments (ASP.NET Core's and PayeTonKawa's) that the alerts read.</summary>
    internal static HashSet<string> ApiMetricNames() =>
        [.. Rules().SelectMany(rule => ApiMetric().Matches(rule.Expr).Select(match => match.Value))];

    [GeneratedRegex(@"\b(?:payetonkawa|http_server|aspnetcore)_[a-z0-9_]+")]
    private static partial Regex ApiMetric();

    [GeneratedRegex(@"\bby \(([^)]*)\)")]
    private static partial Regex ByClause();

    [GeneratedRegex(@"\$labels\.([a-zA-Z_]+)")]
    private static partial Regex LabelReference();

    // French prose: accented letters or French articles, which English messages would not have.
    [GeneratedRegex(@"[àâçéèêëîïôûùœ]|\b(?:le|la|les|des|du|une|dans)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FrenchText();
}
