using System.Net;
using System.Text.Json;

namespace PayeTonKawa.AppHost.Dashboard;

/// <summary>An API's answer to a dashboard command: its status and its JSON body (a problem's <c>detail</c> on failure).</summary>
public sealed record ApiAnswer(HttpStatusCode Status, JsonElement Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The French sentence the dashboard shows when the API refused.</summary>
    public string Failure(string what) => $"{what} : l'API a répondu {(int)Status}{Explanation()}.";

    private string Explanation()
    {
        if (Body.ValueKind != JsonValueKind.Object)
        {
            return "";
        }

        return Body.TryGetProperty("detail", out var detail) || Body.TryGetProperty("title", out detail) ? $" ({detail.GetString()})" : "";
    }

    public static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new ApiAnswer(response.StatusCode, Parse(text));
        }
    }

    // A proxy or a dying process may answer with something else than JSON: the status alone then says what happened.
    private static JsonElement Parse(string text)
    {
        try
        {
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
