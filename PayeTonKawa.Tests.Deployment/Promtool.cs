using System.Diagnostics;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>The promtool that scripts/prerequisites.sh extracts from Debian's prometheus package.</summary>
public static class Promtool
{
    public static string Path => System.IO.Path.Combine(RepositoryRoot.Path(), ".tools", "promtool", "promtool");

    /// <summary>Runs promtool in <paramref name="workingDirectory"/>; its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] arguments)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: run scripts/prerequisites.sh (scripts/test.sh does)");
        var startInfo = new ProcessStartInfo(Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }
}
