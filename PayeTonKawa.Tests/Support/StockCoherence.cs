using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Commandes.Coherence;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.ServiceDefaults.Http;

namespace PayeTonKawa.Tests.Support;

/// <summary>
/// The stock coherence check (<c>GET /admin/reservations/ecarts</c> of Commandes), for any test that wants to know
/// that Commandes and Produits agree, typically after a fault scenario.
/// </summary>
public static class StockCoherence
{
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    /// <summary>
    /// Runs the check on the in-memory Commandes (which reads the in-memory Produits) with <paramref name="stabiliteSecondes"/>
    /// (0 by default: every disagreement is a drift) and returns its report.
    /// </summary>
    public static Task<StockCoherenceReport> CheckStockCoherenceAsync(this TestEnvironment env, int stabiliteSecondes = 0) =>
        ReadAsync(env.Commandes.CreateClient(), stabiliteSecondes);

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>, 20 s by default) until none of <paramref name="commandeIds"/> drifts,
    /// and returns their drifts at that point, for the test to assert empty: the events of a scenario may still be settling.
    /// </summary>
    public static async Task<IReadOnlyList<StockEcart>> StockDriftsAsync(this TestEnvironment env, IEnumerable<int> commandeIds, TimeSpan? timeout = null)
    {
        var ids = commandeIds.ToHashSet();
        var report = await Eventually.ReadAsync(() => env.CheckStockCoherenceAsync(), report => report.DriftsOf(ids).Count == 0, timeout ?? TimeSpan.FromSeconds(20));
        return report.DriftsOf(ids);
    }

    /// <summary>Runs the check through <paramref name="commandes"/> (an in-memory host, or the AppHost's Commandes), which sends a key with <c>messaging:admin</c>.</summary>
    public static async Task<StockCoherenceReport> ReadAsync(HttpClient commandes, int stabiliteSecondes = 0)
    {
        var response = await commandes.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/admin/reservations/ecarts?stabilite_secondes={stabiliteSecondes}"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The stock coherence check answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<StockCoherenceReport>(Json))!;
    }

    /// <summary>
    /// The drifts of <paramref name="commandeIds"/> only: the environment is shared, and other tests leave drifts of
    /// their own on purpose (events published by hand for orders that Commandes never had).
    /// </summary>
    public static IReadOnlyList<StockEcart> DriftsOf(this StockCoherenceReport report, IEnumerable<int> commandeIds)
    {
        Assert.True(report.Ecarts.Count == report.NombreEcarts,
            $"{report.NombreEcarts} drifts, more than the report lists: the drifts of the given orders may be among those left out");
        var ids = commandeIds as IReadOnlySet<int> ?? commandeIds.ToHashSet();
        return [.. report.Ecarts.Where(ecart => ids.Contains(ecart.CommandeId))];
    }

    /// <summary>Makes a Commandes host read Produits' reservations from the in-memory <paramref name="produits"/>.</summary>
    public static IWebHostBuilder CallProduits(this IWebHostBuilder builder, WebApplicationFactory<ProduitsDbContext> produits) =>
        builder.ConfigureTestServices(services => services.AddHttpClient<ProduitsReservationsClient>(client => client.BaseAddress = produits.Server.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => produits.Server.CreateHandler()));

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonConventions.Apply(options);
        return options;
    }
}
