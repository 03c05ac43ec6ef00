using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PayeTonKawa.AppHost.Dashboard;

/// <summary>
/// « Vérifier la cohérence du stock » : <c>GET /admin/reservations/ecarts</c> of Commandes, its verdict shown at once.
/// A drift makes the command fail, so that the dashboard shows it in red.
/// </summary>
public static class StockCoherenceCommand
{
    public const string Name = "check-stock-coherence";

    /// <summary>Drifts listed in the dashboard; the route's answer holds up to 500.</summary>
    private const int Shown = 50;

    public static IResourceBuilder<ProjectResource> WithStockCoherenceCommand(
        this IResourceBuilder<ProjectResource> commandes, IResourceBuilder<ParameterResource> key) =>
        commandes.WithDashboardCommand(
            key,
            Name,
            "Vérifier la cohérence du stock",
            "Compare chaque commande avec la réservation que Produits tient pour elle (GET /admin/reservations/ecarts).",
            "CheckmarkStarburst",
            ExecuteAsync);

    private static async Task<ExecuteCommandResult> ExecuteAsync(ApiCommandClient client, CancellationToken cancellationToken)
    {
        var answer = await client.GetAsync("/admin/reservations/ecarts", cancellationToken);
        if (!answer.IsSuccess)
        {
            return CommandResults.Failure(answer.Failure("Vérification de la cohérence impossible"));
        }

        var report = answer.Body;
        var drifts = report.GetProperty("nombre_ecarts").GetInt32();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{report.GetProperty("commandes_verifiees").GetInt32()} commande(s) et {report.GetProperty("reservations_verifiees").GetInt32()} réservation(s) comparées, "
            + $"{report.GetProperty("en_cours").GetInt32()} en cours, {drifts} écart(s).");
        var markdown = Markdown(summary, report.GetProperty("ecarts"), drifts);
        return drifts == 0
            ? CommandResults.Success(summary, markdown, CommandResultFormat.Markdown, displayImmediately: true)
            : CommandResults.Failure(summary, markdown, CommandResultFormat.Markdown);
    }

    private static string Markdown(string summary, JsonElement drifts, int count)
    {
        var text = new StringBuilder(summary).Append("\n\n");
        if (count == 0)
        {
            return text.Append("Aucun écart : le stock réservé par Produits correspond aux commandes.").ToString();
        }

        text.Append("| commande | statut dans Commandes | réservation dans Produits | attendu | écart |\n|---:|---|---|---|---|\n");
        foreach (var drift in drifts.EnumerateArray().Take(Shown))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {drift.GetProperty("commande_id").GetInt32()} | {drift.GetProperty("statut_commande")} | {drift.GetProperty("reservation_produits")} | {drift.GetProperty("attendu").GetString()} | {drift.GetProperty("detail").GetString()} |\n");
        }

        if (count > Shown)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n… et {count - Shown} autre(s) : GET /admin/reservations/ecarts les donne toutes (500 au plus).");
        }

        return text.ToString();
    }
}
