using System.Text.RegularExpressions;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>Where the Gateway of a rendered overlay sends a request: an API (service, port, path as the API sees it), a direct answer of Envoy, or a redirect.</summary>
public sealed record EdgeOutcome(string? Service, int? Port, string? Path, int? DirectStatus, string? RedirectScheme);

/// <summary>
/// The routing of the Gateway payetonkawa the way Envoy Gateway 1.9 builds it from the Gateway API objects: routes
/// attached to the listener the request arrives on (by section name, host name), consecutive slashes merged (its
/// default path normalisation), then the first match in its order: exact paths, then regular expressions, then
/// prefixes, each by decreasing length (internal/gatewayapi/sort.go); a prefix matches whole path segments, and
/// ReplacePrefixMatch replaces the matched prefix.
/// </summary>
public static partial class EdgeRouter
{
    public static EdgeOutcome? Send(Rendered rendered, string pathAndQuery, bool https = true)
    {
        var gateway = rendered.Named<Gateway>("payetonkawa");
        var host = rendered.PublicHost ?? "localhost";
        var listener = gateway.Spec.Listeners.SingleOrDefault(candidate =>
            candidate.Protocol == (https && rendered.PublicHost is not null ? "HTTPS" : "HTTP") && (candidate.Hostname is null || candidate.Hostname == host));
        if (listener is null)
        {
            return null;
        }

        var path = MergedSlashes().Replace(pathAndQuery.Split('?')[0], "/");
        var candidates = rendered.All<HttpRoute>()
            .Where(route => route.Spec.ParentRefs.Any(parent => parent.Name == gateway.Metadata.Name
                && (parent.SectionName is null || parent.SectionName == listener.Name)))
            .Where(route => route.Spec.Hostnames.Count == 0 || route.Spec.Hostnames.Contains(host))
            .SelectMany(route => route.Spec.Rules)
            .SelectMany(rule => (rule.Matches.Count == 0 ? [new HttpRouteMatch()] : rule.Matches)
                .Select(match => (Rule: rule, Path: match.Path ?? new HttpPathMatch())))
            .OrderBy(candidate => candidate.Path.Type switch { "Exact" => 0, "RegularExpression" => 1, _ => 2 })
            .ThenByDescending(candidate => candidate.Path is { Type: "PathPrefix", Value: "/" } ? 0 : candidate.Path.Value.Length);

        foreach (var (rule, match) in candidates)
        {
            if (!Matches(match, path))
            {
                continue;
            }

            var extension = rule.Filters.SingleOrDefault(filter => filter.Type == "ExtensionRef")?.ExtensionRef;
            if (extension is not null)
            {
                var filter = rendered.Named<HttpRouteFilter>(extension.Name);
                return new EdgeOutcome(null, null, null, filter.Spec.DirectResponse?.StatusCode, null);
            }

            var redirect = rule.Filters.SingleOrDefault(filter => filter.Type == "RequestRedirect")?.RequestRedirect;
            if (redirect is not null)
            {
                return new EdgeOutcome(null, null, null, redirect.StatusCode ?? 302, redirect.Scheme);
            }

            var backend = Assert.Single(rule.BackendRefs);
            var rewrite = rule.Filters.SingleOrDefault(filter => filter.Type == "URLRewrite")?.UrlRewrite?.Path;
            return new EdgeOutcome(backend.Name, backend.Port, Rewrite(path, match, rewrite), null, null);
        }

        return null;
    }

    private static bool Matches(HttpPathMatch match, string path) => match.Type switch
    {
        "Exact" => path == match.Value,
        "RegularExpression" => Regex.IsMatch(path, $"^(?:{match.Value})$", RegexOptions.None, TimeSpan.FromSeconds(1)),
        _ => match.Value == "/" || path == match.Value.TrimEnd('/') || path.StartsWith(match.Value.TrimEnd('/') + "/", StringComparison.Ordinal),
    };

    private static string Rewrite(string path, HttpPathMatch match, HttpPathModifier? rewrite)
    {
        if (rewrite is null)
        {
            return path;
        }

        Assert.Equal(("ReplacePrefixMatch", "PathPrefix"), (rewrite.Type, match.Type));
        var rest = path[match.Value.TrimEnd('/').Length..];
        var replacement = rewrite.ReplacePrefixMatch!;
        return rest.Length == 0 ? replacement : replacement.TrimEnd('/') + rest;
    }

    [GeneratedRegex("/{2,}")]
    private static partial Regex MergedSlashes();
}
