using System.Collections.Concurrent;
using System.Diagnostics;

namespace PayeTonKawa.Tests.HighAvailability;

/// <summary>A server of the machine run by a test (through the repository's own scripts), with its output kept for a failure message.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(string name, string fileName, IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        Name = name;
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server wrote, for the message of a failed wait.</summary>
    public string Tail => string.Join(Environment.NewLine, _output.TakeLast(30));

    public static ServerProcess Start(string name, string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null) =>
        new(name, fileName, arguments, environment ?? new Dictionary<string, string>());

    /// <summary>Runs a command of the machine to its end and returns its output; a failure names the command and its output.</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var (exitCode, output) = await TryRunAsync(fileName, arguments, environment);
        Assert.True(exitCode == 0, $"{fileName} {string.Join(' ', arguments)} failed ({exitCode}):{Environment.NewLine}{output}");
        return output;
    }

    public static async Task<(int ExitCode, string Output)> TryRunAsync(string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        using var command = new ServerProcess(fileName, fileName, arguments, environment ?? new Dictionary<string, string>());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await command._process.WaitForExitAsync(timeout.Token);
        command._process.WaitForExit(); // drains the redirected output
        return (command._process.ExitCode, string.Join(Environment.NewLine, command._output));
    }

    /// <summary>SIGKILL to the process whose id <paramref name="pidFile"/> holds (its first line): a machine lost, no shutdown.</summary>
    public static async Task KillAsync(string pidFile)
    {
        var pid = int.Parse((await File.ReadAllLinesAsync(pidFile))[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill();
        await process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }
}
