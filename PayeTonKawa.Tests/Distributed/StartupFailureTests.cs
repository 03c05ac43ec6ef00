using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Distributed;

/// <summary>
/// The run command as a user types it (<c>dotnet run --project PayeTonKawa.AppHost --launch-profile http</c>, what
/// <c>scripts/run.sh</c> ends with) when PostgreSQL cannot start: the run ends by itself with a non-zero exit code
/// instead of leaving the APIs waiting forever, and its console names the resource, gives its reason and what to check.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class StartupFailureTests
{
    // A failed start is reported once its process has ended: far less than this, which only tells an end from a hang.
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(90);

    [RootFact]
    public async Task As_root_a_data_directory_the_postgres_user_cannot_reach_stops_the_run_saying_why()
    {
        // What /root (mode 700) is to a repository cloned there.
        var privateDirectory = Path.Combine(Path.GetTempPath(), $"payetonkawa-private-{Guid.NewGuid():N}");
        Directory.CreateDirectory(privateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var run = await AppHostRun.RunAsync(Path.Combine(privateDirectory, "data"), AppHostRun.FreePort(), RunBound);

            Assert.True(run.ExitCode != 0, $"Le lancement s'est terminé avec le code 0.{Environment.NewLine}{run.Console}");
            Assert.Contains("La ressource « postgres » n'a pas pu démarrer", run.Console, StringComparison.Ordinal);
            // The reason, from the resource's own log.
            Assert.Contains("l'utilisateur 'postgres', qui fait tourner le serveur, n'y a pas accès en écriture", run.Console, StringComparison.Ordinal);
            Assert.Contains("Piste : vérifiez que l'utilisateur du serveur (postgres", run.Console, StringComparison.Ordinal);
        }
        finally
        {
            await AppHostRun.DeleteAsync(privateDirectory);
        }
    }

    [Fact]
    public async Task A_postgres_port_already_taken_stops_the_run_saying_why()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"payetonkawa-startup-{Guid.NewGuid():N}");
        try
        {
            var run = await AppHostRun.RunAsync(dataDirectory, port, RunBound);

            Assert.True(run.ExitCode != 0, $"Le lancement s'est terminé avec le code 0.{Environment.NewLine}{run.Console}");
            Assert.Contains("La ressource « postgres » n'a pas pu démarrer", run.Console, StringComparison.Ordinal);
            Assert.Contains("Address already in use", run.Console, StringComparison.Ordinal);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"que le port {port} est libre"), run.Console, StringComparison.Ordinal);
        }
        finally
        {
            await AppHostRun.DeleteAsync(dataDirectory);
        }
    }
}

/// <summary>A test that only means something when the tests run as root (as CI does); skipped otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "Ce cas n'existe qu'en root : PostgreSQL tourne alors sous l'utilisateur postgres.";
        }
    }
}

/// <summary>One run of the AppHost as a child process, in Local mode, on free ports, so that it disturbs nothing.</summary>
internal static class AppHostRun
{
    public static async Task<(int ExitCode, string Console)> RunAsync(string dataDirectory, int postgresPort, TimeSpan bound)
    {
        var repository = RepositoryRoot.Path();
        // The AppHost built with these tests: bin/<configuration>/<framework>/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "run", "--project", "PayeTonKawa.AppHost", "--no-build", "--configuration", configuration, "--launch-profile", "http", "--",
            // The launch profile's own addresses would collide with a running system: these settings come after it.
            $"--ASPNETCORE_URLS=http://127.0.0.1:{FreePort()}",
            $"--ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
            $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
        ];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["Infrastructure__Mode"] = "Local";
        startInfo.Environment["Infrastructure__Local__DataDirectory"] = dataDirectory;
        startInfo.Environment["Infrastructure__Local__PostgresPort"] = Text(postgresPort);
        startInfo.Environment["Infrastructure__Local__RabbitMqPort"] = Text(FreePort());
        startInfo.Environment["Infrastructure__Local__RabbitMqManagementPort"] = Text(FreePort());
        startInfo.Environment["Infrastructure__Local__RabbitMqDistributionPort"] = Text(FreePort());
        startInfo.Environment["Api__FixedPorts"] = "false";

        var console = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => Append(console, line.Data);
        process.ErrorDataReceived += (_, line) => Append(console, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Le lancement tourne encore après {bound.TotalSeconds} s au lieu de s'arrêter.{Environment.NewLine}{Read(console)}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        // The asynchronous readers have seen the end of both streams once the process has exited.
        await process.WaitForExitAsync();
        return (process.ExitCode, Read(console));
    }

    /// <summary>Deletes a data directory, waiting a little for the servers the run started to finish stopping.</summary>
    public static async Task DeleteAsync(string directory)
    {
        for (var attempt = 0; attempt < 10 && Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                await Task.Delay(500);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Append(StringBuilder console, string? line)
    {
        if (line is not null)
        {
            lock (console)
            {
                console.AppendLine(line);
            }
        }
    }

    private static string Read(StringBuilder console)
    {
        lock (console)
        {
            return console.ToString();
        }
    }
}
