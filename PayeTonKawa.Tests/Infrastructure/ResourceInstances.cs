using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace PayeTonKawa.Tests.Infrastructure;

/// <summary>The running instances (replicas) of a resource of the AppHost, each with its own id, address, logs and process.</summary>
public static class ResourceInstances
{
    /// <summary>
    /// Waits until <paramref name="count"/> instances of API <paramref name="resource"/> run and each answers 200 on its
    /// own <c>/health</c> (not through the shared port, which would say nothing of the other instance); returns their
    /// current states.
    /// </summary>
    public static async Task<IReadOnlyList<ResourceEvent>> WaitForHealthyInstancesAsync(
        this DistributedApplication app, string resource, int count, CancellationToken cancellationToken)
    {
        // The notification service replays the current state of every instance, then each change.
        var instances = new ConcurrentDictionary<string, ResourceEvent>();
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = Task.Run(async () =>
        {
            await foreach (var resourceEvent in app.ResourceNotifications.WatchAsync(stopWatching.Token))
            {
                if (resourceEvent.Resource.Name == resource)
                {
                    instances[resourceEvent.ResourceId] = resourceEvent;
                }
            }
        }, CancellationToken.None);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            while (true)
            {
                var healthy = new List<ResourceEvent>();
                foreach (var current in instances.Values.Where(instance => instance.Snapshot.State?.Text == KnownResourceStates.Running))
                {
                    if (Address(current) is { } address && await AnswersHealthyAsync(http, address, cancellationToken))
                    {
                        healthy.Add(current);
                    }
                }

                if (healthy.Count >= count)
                {
                    return healthy;
                }

                await Task.Delay(500, cancellationToken);
            }
        }
        finally
        {
            await stopWatching.CancelAsync();
            await watcher.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>The address the instance itself listens on, as the AppHost gave it.</summary>
    public static Uri? Address(ResourceEvent instance) =>
        instance.Snapshot.EnvironmentVariables.FirstOrDefault(variable => variable.Name == "ASPNETCORE_URLS")?.Value is { } urls
            ? new Uri(urls.Split(';')[0])
            : null;

    private static async Task<bool> AnswersHealthyAsync(HttpClient http, Uri address, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(address, "/health"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
