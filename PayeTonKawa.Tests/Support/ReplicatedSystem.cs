using System.Collections.Concurrent;
using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Tests.Infrastructure;

namespace PayeTonKawa.Tests.Support;

/// <summary>One running instance (replica) of an API: its Aspire id, its own address (behind the shared port) and its process.</summary>
public sealed record ApiInstance(string ResourceId, Uri Address, int ProcessId)
{
    public HttpClient Client() => new HttpClient { BaseAddress = Address }.WithApiKey(TestKeys.Legacy);
}

/// <summary>
/// The system run by the AppHost with <c>Api:Replicas=<paramref name="replicas"/></c>: each API as that many processes
/// behind one port, as a front end or a load balancer sees it, plus what a test needs to reach, read, stop or kill each
/// instance.
/// </summary>
public sealed class ReplicatedSystem(DistributedApplication app, int replicas = ReplicatedSystem.Replicas)
{
    public const int Replicas = 2;

    public DistributedApplication App { get; } = app;

    /// <summary>
    /// A client of the shared port that opens a new connection per request, as many browsers do: Aspire's proxy (like a
    /// Kubernetes Service) spreads connections, not requests, over the instances.
    /// </summary>
    public HttpClient Shared(string api)
    {
        var http = App.CreateHttpClient(api).WithApiKey(TestKeys.Legacy);
        http.DefaultRequestHeaders.ConnectionClose = true;
        return http;
    }

    public async Task<IReadOnlyList<ApiInstance>> InstancesAsync(string api)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var events = await App.WaitForHealthyInstancesAsync(api, replicas, timeout.Token);
        return [.. events.OrderBy(e => e.ResourceId, StringComparer.Ordinal).Select(e => new ApiInstance(
            e.ResourceId,
            ResourceInstances.Address(e)!,
            Convert.ToInt32(e.Snapshot.Properties.Single(property => property.Name == "executable.pid").Value, System.Globalization.CultureInfo.InvariantCulture)))];
    }

    /// <summary>Ends the process of <paramref name="instance"/> at once (SIGKILL), as a crash or an evicted node would.</summary>
    public static void Kill(ApiInstance instance)
    {
        using var process = Process.GetProcessById(instance.ProcessId);
        process.Kill(entireProcessTree: true);
        process.WaitForExit(TimeSpan.FromSeconds(30));
    }

    /// <summary>Starts a killed instance again and waits until every API has all its instances healthy.</summary>
    public async Task RestartAsync(ApiInstance instance, string api)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        // WaitForResourceAsync matches resource names, not instance ids: poll the instance's own state instead.
        while (!(App.ResourceNotifications.TryGetCurrentState(instance.ResourceId, out var current)
                 && KnownResourceStates.TerminalStates.Contains(current.Snapshot.State?.Text)))
        {
            await Task.Delay(200, timeout.Token);
        }

        var result = await App.ResourceCommands.ExecuteCommandAsync(instance.ResourceId, KnownResourceCommands.StartCommand, timeout.Token);
        Assert.True(result.Success, result.Message);
        await App.WaitForHealthyInstancesAsync(api, replicas, timeout.Token);
    }

    /// <summary>
    /// Asks <paramref name="instance"/> to stop (SIGTERM), as Kubernetes does in a rolling update, and returns how long
    /// its process took to exit.
    /// </summary>
    public static async Task<TimeSpan> TerminateAsync(ApiInstance instance)
    {
        using var process = Process.GetProcessById(instance.ProcessId);
        var watch = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", instance.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return watch.Elapsed;
    }

    /// <summary>
    /// Reads the stdout of <paramref name="instances"/> until <paramref name="done"/> holds for the lines seen so far (per
    /// instance id) or the timeout passes, and returns those lines.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, List<string>>> LogsAsync(
        IEnumerable<ApiInstance> instances, Func<IReadOnlyDictionary<string, List<string>>, bool> done, TimeSpan? timeout = null)
    {
        var logs = App.Services.GetRequiredService<ResourceLoggerService>();
        var lines = new ConcurrentDictionary<string, List<string>>();
        using var stop = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var readers = instances.Select(instance => Task.Run(async () =>
        {
            var mine = lines.GetOrAdd(instance.ResourceId, _ => []);
            try
            {
                await foreach (var batch in logs.WatchAsync(instance.ResourceId).WithCancellation(stop.Token))
                {
                    lock (mine)
                    {
                        mine.AddRange(batch.Select(line => line.Content));
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The reading ends when the caller has seen enough or the timeout passed.
            }
        })).ToList();

        while (!stop.IsCancellationRequested && !done(Snapshot()))
        {
            await Task.Delay(200);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        return Snapshot();

        IReadOnlyDictionary<string, List<string>> Snapshot() =>
            lines.ToDictionary(entry => entry.Key, entry => { lock (entry.Value) { return entry.Value.ToList(); } });
    }
}
