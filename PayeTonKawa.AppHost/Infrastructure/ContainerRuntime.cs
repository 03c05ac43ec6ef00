using System.Diagnostics;

namespace PayeTonKawa.AppHost.Infrastructure;

/// <summary>
/// Tells whether a container runtime really answers. Without one, Aspire's container resources do not fail: they wait
/// forever, so the AppHost must know before choosing them.
/// </summary>
internal static class ContainerRuntime
{
    public static bool IsAvailable()
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") ?? "docker";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, $"info --format {VersionField(runtime)}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0 && !string.IsNullOrWhiteSpace(process.StandardOutput.ReadToEnd());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }

    // Docker's info names the daemon's version ServerVersion (empty, exit 1, when no daemon answers); Podman has no
    // daemon and no such field: its template fails on it, so Podman was never detected. Its own is Version.Version.
    private static string VersionField(string runtime) =>
        Path.GetFileNameWithoutExtension(runtime).Equals("podman", StringComparison.OrdinalIgnoreCase) ? "{{.Version.Version}}" : "{{.ServerVersion}}";
}
