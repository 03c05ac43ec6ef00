using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PayeTonKawa.Tests.Support;

/// <summary>
/// Sends a number of creations (one-unit orders, customers) like a careful front end during an incident: a creation
/// whose answer says it was not taken (503, 502, no connection, no answer) is sent again after a pause, and every
/// answer is counted. A resource the server stored while its client saw a failure would be created twice: the tests
/// compare what is stored with what was acknowledged, so such a loss of answer shows.
/// </summary>
internal sealed class WriteStream(HttpClient api, string path, Func<object> body, bool idempotent = false)
{
    private readonly ConcurrentDictionary<string, int> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TimeSpan> _acknowledgedAt = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _sent;

    /// <summary>One-unit orders, each sent again with its own <c>Idempotency-Key</c> as a careful front end does.</summary>
    public static WriteStream Orders(HttpClient commandes, int clientId, int produitId) =>
        new(commandes, "/orders/", idempotent: true, body: () => new
        {
            client_id = clientId,
            lignes = new[] { new { produit_id = produitId, quantite = 1, prix_unitaire = 10m } },
        });

    public static WriteStream Customers(HttpClient clients) =>
        new(clients, "/customers/", () => new
        {
            nom = "Flux",
            prenom = "Client",
            email = $"flux.{Guid.NewGuid():N}@example.com",
            mot_de_passe = "motdepasse",
        });

    public ConcurrentBag<int> Accepted { get; } = [];

    /// <summary>Each answer seen (status code, or the kind of transport failure) and how many times.</summary>
    public IReadOnlyDictionary<string, int> Answers => _answers;

    public int Requests => _answers.Values.Sum();

    public string Summary => string.Join(", ", _answers.OrderBy(answer => answer.Key, StringComparer.Ordinal).Select(answer => $"{answer.Key}: {answer.Value}"));

    /// <summary>The time since the stream was made, read by a scenario to place its fault among the answers.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>The longest time between two acknowledged creations after <paramref name="from"/>: how long writes stopped.</summary>
    public TimeSpan LongestPauseAfter(TimeSpan from)
    {
        var times = _acknowledgedAt.Order().ToList();
        var previous = times.LastOrDefault(time => time <= from, from);
        var longest = TimeSpan.Zero;
        foreach (var time in times.Where(time => time > from))
        {
            longest = time - previous > longest ? time - previous : longest;
            previous = time;
        }

        return longest;
    }

    /// <summary>How long after <paramref name="from"/> the first creation was acknowledged: when writes resumed.</summary>
    public TimeSpan? FirstAcknowledgedAfter(TimeSpan from) =>
        _acknowledgedAt.Where(time => time > from).Order().Select(time => (TimeSpan?)(time - from)).FirstOrDefault();

    /// <summary>Sends <paramref name="count"/> creations over <paramref name="workers"/> concurrent clients, each pausing <paramref name="pace"/> between two.</summary>
    public Task RunAsync(int count, int workers, TimeSpan pace) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref _sent) <= count)
            {
                await SendOneAsync();
                await Task.Delay(pace);
            }
        })));

    private async Task SendOneAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        // One key per creation, kept across its retries: a creation the server took while its answer was lost is returned, not made again.
        var key = idempotent ? Guid.NewGuid().ToString("N") : null;
        while (true)
        {
            var answer = await TryAsync(key);
            _answers.AddOrUpdate(answer.Key, 1, (_, count) => count + 1);
            if (answer.Id is { } id)
            {
                Accepted.Add(id);
                _acknowledgedAt.Enqueue(_clock.Elapsed);
                return;
            }

            Assert.True(answer.Key is "503" or "502" or "transport", $"a creation got an answer a client cannot retry safely: {answer.Key}");
            Assert.True(DateTime.UtcNow < deadline, $"a creation was still refused after 3 minutes ({Summary})");
            await Task.Delay(250);
        }
    }

    private async Task<(string Key, int? Id)> TryAsync(string? idempotencyKey)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body()) };
            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            using var response = await api.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return ("201", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
            }

            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }

            return (((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            return ("transport", null);
        }
    }
}
