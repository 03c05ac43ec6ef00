using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PayeTonKawa.Tests.Faults;

/// <summary>
/// Sends a number of one-unit orders like a careful front end during an incident: an order whose answer says it was
/// not taken (503, 502, no connection, no answer) is sent again after a pause, and every answer is counted. An order
/// the server stored while its client saw a failure would be sent twice: the tests compare what is stored with what
/// was acknowledged, so such a loss of answer shows.
/// </summary>
internal sealed class OrderStream(HttpClient commandes, int clientId, int produitId)
{
    private readonly ConcurrentDictionary<string, int> _answers = new(StringComparer.Ordinal);
    private int _sent;

    public ConcurrentBag<int> Accepted { get; } = [];

    /// <summary>Each answer seen (status code, or the kind of transport failure) and how many times.</summary>
    public IReadOnlyDictionary<string, int> Answers => _answers;

    public int Requests => _answers.Values.Sum();

    public string Summary => string.Join(", ", _answers.OrderBy(answer => answer.Key, StringComparer.Ordinal).Select(answer => $"{answer.Key}: {answer.Value}"));

    /// <summary>Sends <paramref name="orders"/> orders over <paramref name="workers"/> concurrent clients, each pausing <paramref name="pace"/> between two.</summary>
    public Task RunAsync(int orders, int workers, TimeSpan pace) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref _sent) <= orders)
            {
                await SendOneAsync();
                await Task.Delay(pace);
            }
        })));

    private async Task SendOneAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var answer = await TryAsync();
            _answers.AddOrUpdate(answer.Key, 1, (_, count) => count + 1);
            if (answer.Id is { } id)
            {
                Accepted.Add(id);
                return;
            }

            Assert.True(answer.Key is "503" or "502" or "transport", $"an order got an answer a client cannot retry safely: {answer.Key}");
            Assert.True(DateTime.UtcNow < deadline, $"an order was still refused after 3 minutes ({Summary})");
            await Task.Delay(250);
        }
    }

    private async Task<(string Key, int? Id)> TryAsync()
    {
        try
        {
            using var response = await commandes.PostAsJsonAsync("/orders/", new
            {
                client_id = clientId,
                lignes = new[] { new { produit_id = produitId, quantite = 1, prix_unitaire = 10m } },
            });
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
