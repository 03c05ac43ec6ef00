using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using PayeTonKawa.ServiceDefaults.Telemetry;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// scripts/deploy.sh against a stand-in kubectl that keeps the cluster's state in files: a release that passes is
/// recorded, a release whose roll-out fails is replaced by the recorded one, and the images carry the release's tag.
/// The real kubectl, cluster and collection run only in .github/workflows/deploy.yml.
/// </summary>
public sealed partial class DeployScriptTests : IDisposable
{
    // Renders three API Deployments with bare image names (as the base does); a roll-out fails while the last applied
    // manifests name FAKE_FAILING_TAG.
    private const string FakeKubectl = """
        #!/usr/bin/env bash
        set -euo pipefail
        state="$FAKE_STATE"
        args=" $* "
        last_applied() { ls "$state"/applied-* 2>/dev/null | sort -V | tail -n 1; }
        case "$args" in
            *" kustomize "*)
                for api in clients produits commandes; do
                    printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: payetonkawa-%s\n---\n' "$api" "$api"
                done ;;
            *" --dry-run=client -o name "*)
                file="${args##* -f }"; file="${file%% *}"
                sed -n 's/^  name: \(.*\)$/deployment.apps\/\1/p' "$file" ;;
            *" create configmap "*)
                for arg in "$@"; do
                    case "$arg" in
                        --from-literal=tag=*) echo "${arg#--from-literal=tag=}" >"$state/release-tag" ;;
                        --from-file=manifests.yaml.gz=*) cp "${arg#--from-file=manifests.yaml.gz=}" "$state/release.gz" ;;
                    esac
                done
                echo "kind: ConfigMap" ;;
            *" label --local "*) cat ;;
            *" --server-side "*) cat >/dev/null ;;
            *" apply -f "*)
                file="${args##* -f }"; file="${file%% *}"
                count=$(ls "$state" | grep -c '^applied-' || true)
                cp "$file" "$state/applied-$((count + 1))" ;;
            *" rollout status "*)
                if [ -n "${FAKE_FAILING_TAG:-}" ] && grep -q ":${FAKE_FAILING_TAG}\$" "$(last_applied)"; then
                    echo "error: timed out waiting for the condition" >&2; exit 1
                fi ;;
            *" get configmap payetonkawa-release "*"binaryData"*) base64 -w0 "$state/release.gz" ;;
            *" get configmap payetonkawa-release "*"jsonpath"*) cat "$state/release-tag" ;;
            *" get configmap payetonkawa-release "*) [ -f "$state/release.gz" ] ;;
            *) echo "fake kubectl: unexpected $*" >&2; exit 3 ;;
        esac
        """;

    private readonly string _state = Directory.CreateTempSubdirectory("payetonkawa-deploy-").FullName;
    private readonly string _bin;

    public DeployScriptTests()
    {
        _bin = Directory.CreateDirectory(Path.Combine(_state, "bin")).FullName;
        var kubectl = Path.Combine(_bin, "kubectl");
        File.WriteAllText(kubectl, FakeKubectl.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(kubectl, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Directory.CreateDirectory(Path.Combine(_state, "cluster"));
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [Fact]
    public async Task A_verified_release_is_recorded_with_the_images_of_its_tag()
    {
        var (exitCode, output) = await RunAsync(null, "deploy", "staging", "--tag", "1.0.0-aaaaaaa", "--registry", "ghcr.io/acme");

        Assert.True(exitCode == 0, output);
        Assert.Equal("1.0.0-aaaaaaa", File.ReadAllText(Path.Combine(_state, "cluster", "release-tag")).Trim());
        var applied = Applied();
        Assert.Single(applied);
        foreach (var api in Manifests.Apis)
        {
            Assert.Contains($"image: ghcr.io/acme/payetonkawa-{api}:1.0.0-aaaaaaa", applied[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_release_whose_rollout_fails_is_replaced_by_the_last_verified_one()
    {
        await RunAsync(null, "deploy", "staging", "--tag", "1.0.0-aaaaaaa", "--registry", "ghcr.io/acme");

        var (exitCode, output) = await RunAsync("1.0.1-bbbbbbb", "deploy", "staging", "--tag", "1.0.1-bbbbbbb", "--registry", "ghcr.io/acme");

        Assert.Equal(1, exitCode);
        var applied = Applied();
        Assert.Equal(3, applied.Count);
        Assert.Contains(":1.0.1-bbbbbbb", applied[1], StringComparison.Ordinal);
        Assert.Equal(applied[0], applied[2]);
        Assert.Equal("1.0.0-aaaaaaa", File.ReadAllText(Path.Combine(_state, "cluster", "release-tag")).Trim());
        Assert.Contains("1.0.0-aaaaaaa", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_rollback_the_failed_release_stays_until_the_rollback_command()
    {
        await RunAsync(null, "deploy", "staging", "--tag", "1.0.0-aaaaaaa", "--registry", "ghcr.io/acme");

        var (failed, _) = await RunAsync("1.0.1-bbbbbbb", "deploy", "staging", "--tag", "1.0.1-bbbbbbb", "--registry", "ghcr.io/acme", "--no-rollback");
        Assert.Equal(1, failed);
        Assert.Equal(2, Applied().Count);

        var (exitCode, output) = await RunAsync("1.0.1-bbbbbbb", "rollback", "staging");
        Assert.True(exitCode == 0, output);
        Assert.Equal(Applied()[0], Applied()[2]);
    }

    [Fact]
    public async Task A_first_release_that_fails_says_there_is_nothing_to_go_back_to()
    {
        var (exitCode, output) = await RunAsync("1.0.0-aaaaaaa", "deploy", "staging", "--tag", "1.0.0-aaaaaaa", "--registry", "ghcr.io/acme");

        Assert.Equal(1, exitCode);
        Assert.Contains("Aucune version vérifiée", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_state, "cluster", "release-tag")));
    }

    [Fact]
    public async Task An_overlay_without_a_registry_needs_one()
    {
        var (exitCode, output) = await RunAsync(null, "deploy", "staging", "--tag", "1.0.0-aaaaaaa");

        Assert.Equal(1, exitCode);
        Assert.Contains("--registry", output, StringComparison.Ordinal);
        Assert.Empty(Applied());
    }

    [Fact]
    public void The_collection_after_a_deployment_leaves_out_exactly_the_folders_of_metrics_requests_as_the_smoke_test_does()
    {
        var root = RepositoryRoot.Path();
        var marker = Assert.Single(FolderMarker().Matches(File.ReadAllText(Path.Combine(root, "scripts", "deploy.sh")))
            .Select(match => match.Groups[1].Value).Distinct());
        Assert.Contains($"includes(\"{marker}\")", File.ReadAllText(Path.Combine(root, "scripts", "k8s-smoke.sh")), StringComparison.Ordinal);
        using var collection = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "postman", "PayeTonKawa.postman_collection.json")));
        var folders = collection.RootElement.GetProperty("item").EnumerateArray().ToList();

        // The edge never routes /metrics: a folder of them left in fails the run, a marker naming no folder runs them all.
        var leftOut = folders.Where(folder => folder.GetProperty("name").GetString()!.Contains(marker, StringComparison.Ordinal)).Select(Name).ToList();
        var ofMetrics = folders.Where(folder => UrlsOf(folder).Any(url => url.Split('?')[0].EndsWith(OpenTelemetryExtensions.MetricsPath, StringComparison.Ordinal)))
            .Select(Name).ToList();
        Assert.NotEmpty(leftOut);
        Assert.Equal(ofMetrics, leftOut);
    }

    private static string Name(JsonElement item) => item.GetProperty("name").GetString()!;

    private static IEnumerable<string> UrlsOf(JsonElement item)
    {
        if (item.TryGetProperty("request", out var request) && request.TryGetProperty("url", out var url))
        {
            yield return url.ValueKind == JsonValueKind.String ? url.GetString()! : url.GetProperty("raw").GetString()!;
        }

        if (item.TryGetProperty("item", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(UrlsOf))
            {
                yield return child;
            }
        }
    }

    [GeneratedRegex("""includes\("(\([^"]*\))"\)""")]
    private static partial Regex FolderMarker();

    private List<string> Applied() =>
        [.. Directory.GetFiles(Path.Combine(_state, "cluster"), "applied-*")
            .OrderBy(file => int.Parse(file[(file.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .Select(File.ReadAllText)];

    private async Task<(int ExitCode, string Output)> RunAsync(string? failingTag, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot.Path(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(Path.Combine(RepositoryRoot.Path(), "scripts", "deploy.sh"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["PATH"] = _bin + ":" + Environment.GetEnvironmentVariable("PATH");
        startInfo.Environment["FAKE_STATE"] = Path.Combine(_state, "cluster");
        startInfo.Environment["FAKE_FAILING_TAG"] = failingTag ?? "";
        startInfo.Environment["DEPLOY_REVISION"] = "0123456789abcdef";
        startInfo.Environment["DEPLOY_TIMEOUT"] = "5";
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await output + await error);
    }
}
