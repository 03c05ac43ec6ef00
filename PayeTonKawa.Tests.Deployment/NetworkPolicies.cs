using System.Globalization;
using k8s.Models;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// Whether the NetworkPolicies of an overlay let one pod reach another on a TCP port, as Kubernetes decides it: a pod
/// selected by no policy of a direction is open in that direction; otherwise one rule of one policy selecting it must
/// allow the peer and the port (policies add up). Peers by IP block are not evaluated (only DNS uses them).
/// </summary>
public sealed class NetworkPolicies(Rendered rendered)
{
    /// <summary>A pod: its namespace (named by the label Kubernetes gives every namespace) and its labels.</summary>
    public sealed record PodAt(string Namespace, IDictionary<string, string> Labels);

    private readonly IReadOnlyList<V1NetworkPolicy> _policies = [.. rendered.All<V1NetworkPolicy>()];

    public bool Allows(PodAt from, PodAt to, int port) =>
        Direction(from, "Egress", policy => policy.Spec.Egress?.Any(rule => Matches(rule.To, rule.Ports, to, from.Namespace, port)) == true)
        && Direction(to, "Ingress", policy => policy.Spec.Ingress?.Any(rule => Matches(rule.FromProperty, rule.Ports, from, to.Namespace, port)) == true);

    private bool Direction(PodAt pod, string type, Func<V1NetworkPolicy, bool> allows)
    {
        var selecting = _policies.Where(policy => policy.Metadata.NamespaceProperty == pod.Namespace
            && policy.Spec.PolicyTypes.Contains(type) && Selects(policy.Spec.PodSelector, pod.Labels)).ToList();
        return selecting.Count == 0 || selecting.Any(allows);
    }

    // An empty peer list allows every peer; an empty port list, every port.
    private static bool Matches(IList<V1NetworkPolicyPeer>? peers, IList<V1NetworkPolicyPort>? ports, PodAt peer, string policyNamespace, int port) =>
        (peers is not { Count: > 0 } || peers.Any(candidate => IsPeer(candidate, peer, policyNamespace)))
        && (ports is not { Count: > 0 } || ports.Any(candidate => (candidate.Protocol ?? "TCP") == "TCP"
            && candidate.Port?.Value == port.ToString(CultureInfo.InvariantCulture)));

    private static bool IsPeer(V1NetworkPolicyPeer candidate, PodAt peer, string policyNamespace)
    {
        if (candidate.IpBlock is not null)
        {
            return false;
        }

        var namespaceMatches = candidate.NamespaceSelector is null
            ? peer.Namespace == policyNamespace
            : Selects(candidate.NamespaceSelector, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = peer.Namespace });
        return namespaceMatches && (candidate.PodSelector is null || Selects(candidate.PodSelector, peer.Labels));
    }

    private static bool Selects(V1LabelSelector selector, IDictionary<string, string> labels)
    {
        Assert.Null(selector.MatchExpressions);
        return (selector.MatchLabels ?? new Dictionary<string, string>()).All(label => labels.TryGetValue(label.Key, out var value) && value == label.Value);
    }
}
