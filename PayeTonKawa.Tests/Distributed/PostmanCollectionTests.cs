using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using PayeTonKawa.Tests.Support;
using Xunit.Abstractions;

namespace PayeTonKawa.Tests.Distributed;

/// <summary>
/// The gate on the customer's Postman collection: <c>postman/PayeTonKawa.postman_collection.json</c>, run by the newman
/// pinned in package-lock.json (installed by scripts/prerequisites.sh), against the system started by the AppHost (the
/// three APIs as processes, real PostgreSQL and RabbitMQ). It is the same run as
/// <c>npx newman run postman/PayeTonKawa.postman_collection.json -e postman/PayeTonKawa_local.postman_environment.json
/// --working-dir .</c> against <c>./scripts/run.sh</c>, with the test's endpoints and keys. The AppHost is shared with
/// other tests and its catalogue is seeded: the collection must not need an empty database.
/// </summary>
[Collection(TestCollection.Name)]
public sealed class PostmanCollectionTests(TestEnvironment env, ITestOutputHelper output)
{
    private const string CollectionFile = "postman/PayeTonKawa.postman_collection.json";
    private const string EnvironmentFile = "postman/PayeTonKawa_local.postman_environment.json";

    /// <summary>The whole run: about 20 s on an idle machine, several times that on two busy cores.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task The_postman_collection_passes_against_the_system_started_by_the_apphost()
    {
        var root = RepositoryRoot.Path();
        var newman = Path.Combine(root, "node_modules", ".bin", "newman");
        Assert.True(
            File.Exists(newman),
            $"newman est absent ({newman}) : lancez « bash scripts/prerequisites.sh » (ou « npm ci ») à la racine du dépôt.");
        var app = await env.AppHost;
        var report = Path.Combine(Path.GetTempPath(), $"payetonkawa-newman-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, console) = await RunAsync(newman, root,
            [
                "run", CollectionFile,
                "-e", EnvironmentFile,
                "--env-var", $"base_url_clients={BaseUrl(app, "clients")}",
                "--env-var", $"base_url_produits={BaseUrl(app, "produits")}",
                "--env-var", $"base_url_commandes={BaseUrl(app, "commandes")}",
                "--env-var", $"api_key={TestKeys.Legacy}",
                "--env-var", $"metrics_key={TestKeys.Metrics}",
                "--working-dir", root,
                "--timeout", ((long)RunTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--timeout-request", "30000",
                "--reporters", "cli,json",
                "--reporter-json-export", report,
                "--color", "off",
                "--disable-unicode",
            ]);
            output.WriteLine(console);

            Assert.True(File.Exists(report), $"newman (code {exitCode}) n'a pas écrit son rapport JSON :{Environment.NewLine}{Tail(console)}");
            var outcome = NewmanOutcome.Read(report);
            Assert.True(outcome.Requests > 0 && outcome.Assertions > 0, $"newman n'a exécuté aucune requête ni assertion :{Environment.NewLine}{Tail(console)}");
            Assert.True(
                outcome.Failures.Count == 0 && outcome.FailedAssertions == 0 && outcome.FailedRequests == 0 && exitCode == 0,
                $"La collection Postman échoue (code {exitCode}) : {outcome.FailedAssertions} assertion(s) sur {outcome.Assertions} "
                + $"et {outcome.FailedRequests} requête(s) sur {outcome.Requests} en échec.{Environment.NewLine}"
                + string.Join(Environment.NewLine, outcome.Failures.Select(failure => $"- {failure}"))
                + (outcome.Failures.Count == 0 ? Tail(console) : ""));
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static string BaseUrl(DistributedApplication app, string resource) =>
        app.GetEndpoint(resource, "http").GetLeftPart(UriPartial.Authority);

    private static async Task<(int ExitCode, string Console)> RunAsync(string program, string workingDirectory, string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var console = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => Append(console, line.Data);
        process.ErrorDataReceived += (_, line) => Append(console, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // newman's own --timeout stops a slow run; this stops a newman that does not stop.
        using var timeout = new CancellationTokenSource(RunTimeout + TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"newman tourne encore après {RunTimeout.TotalMinutes + 1} min : arrêté.{Environment.NewLine}{Tail(Read(console))}");
        }

        // The asynchronous readers have seen the end of both streams once the process has exited.
        process.WaitForExit();
        return (process.ExitCode, Read(console));
    }

    private static void Append(StringBuilder console, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (console)
        {
            console.AppendLine(line);
        }
    }

    private static string Read(StringBuilder console)
    {
        lock (console)
        {
            return console.ToString();
        }
    }

    private static string Tail(string console) => console.Length <= 4000 ? console : "…" + console[^4000..];

    /// <summary>What newman's JSON reporter says about a run: its counts and each failure (request, assertion, message).</summary>
    private sealed record NewmanOutcome(int Requests, int FailedRequests, int Assertions, int FailedAssertions, IReadOnlyList<string> Failures)
    {
        public static NewmanOutcome Read(string reportPath)
        {
            using var report = JsonDocument.Parse(File.ReadAllText(reportPath));
            var run = report.RootElement.GetProperty("run");
            var stats = run.GetProperty("stats");
            var failures = run.GetProperty("failures").EnumerateArray().Select(Describe).ToList();
            if (run.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                failures.Add($"erreur de newman : {Text(error, "message")}");
            }

            return new NewmanOutcome(
                stats.GetProperty("requests").GetProperty("total").GetInt32(),
                stats.GetProperty("requests").GetProperty("failed").GetInt32(),
                stats.GetProperty("assertions").GetProperty("total").GetInt32(),
                stats.GetProperty("assertions").GetProperty("failed").GetInt32(),
                failures);
        }

        // A failure names its request (source), the assertion (error.test) or the kind of error, and the message.
        private static string Describe(JsonElement failure)
        {
            var error = failure.GetProperty("error");
            var request = failure.TryGetProperty("source", out var source) ? Text(source, "name") ?? "?" : "?";
            if (failure.TryGetProperty("parent", out var parent) && Text(parent, "name") is { } folder)
            {
                request = $"{folder} / {request}";
            }

            var assertion = Text(error, "test") ?? Text(error, "name");
            return $"« {request} » : {assertion} — {Text(error, "message")}";
        }

        private static string? Text(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
