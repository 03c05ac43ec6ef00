using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PayeTonKawa.ServiceDefaults.Security;

namespace PayeTonKawa.Commandes.Coherence;

/// <summary>
/// Reads Produits' reservations over HTTP, found by service discovery (<c>services:produits</c>), with the standard
/// resilience handler every client gets. It sends the operator's own API key, so the check needs no secret of its own.
/// </summary>
public sealed class ProduitsReservationsClient(HttpClient http, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public static readonly Uri BaseAddress = new("https+http://produits");

    private static readonly string[] ForwardedHeaders = [ApiKeyAuthenticationHandler.HeaderName, "Authorization"];

    /// <summary>The reservations of the orders after <paramref name="after"/>, in id order, <paramref name="limit"/> at most.</summary>
    public async Task<IReadOnlyList<ProduitsReservation>> PageAsync(
        int after, int limit, IHeaderDictionary callerHeaders, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            string.Create(CultureInfo.InvariantCulture, $"/admin/reservations?apres={after}&limite={limit}"));
        foreach (var name in ForwardedHeaders)
        {
            if (callerHeaders.TryGetValue(name, out var value))
            {
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value);
            }
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new ProduitsUnavailableException(CoherenceMessages.KeyRefusedByProduits((int)response.StatusCode));
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ProduitsUnavailableException(CoherenceMessages.ProduitsAnswered((int)response.StatusCode));
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync<List<ProduitsReservation>>(body, json.Value.SerializerOptions, cancellationToken)
                ?? throw new ProduitsUnavailableException(CoherenceMessages.ProduitsUnreadable);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or Polly.ExecutionRejectedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The resilience pipeline gives up with a timeout or an open circuit; HttpClient's own timeout is a cancellation.
            throw new ProduitsUnavailableException(
                exception is JsonException ? CoherenceMessages.ProduitsUnreadable : CoherenceMessages.ProduitsUnreachable, exception);
        }
    }
}
