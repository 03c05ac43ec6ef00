using System.Globalization;
using System.Text.Json;

namespace PayeTonKawa.AppHost.Dashboard;

/// <summary>
/// « Charger le catalogue de démonstration » : each coffee of Produits' <c>Data/demo-catalogue.json</c> that the
/// catalogue does not hold yet (same name) is created with <c>POST /products/</c>, so that it is validated, logged and
/// announced by a <c>produit.created</c> event like any product. Running it again creates nothing.
/// </summary>
public static class DemoCatalogueCommand
{
    public const string Name = "load-demo-catalogue";

    public static IResourceBuilder<ProjectResource> WithDemoCatalogueCommand(
        this IResourceBuilder<ProjectResource> produits, IResourceBuilder<ParameterResource> key) =>
        produits.WithDashboardCommand(
            key,
            Name,
            "Charger le catalogue de démonstration",
            "Crée par POST /products/ les cafés de démonstration qui manquent au catalogue (Data/demo-catalogue.json de Produits).",
            "BoxMultiple",
            ExecuteAsync);

    /// <summary>The demonstration coffees, as the Produits project holds them.</summary>
    public static JsonElement[] Coffees()
    {
        var project = Path.GetDirectoryName(new Projects.PayeTonKawa_Produits().ProjectPath)!;
        using var file = File.OpenRead(Path.Combine(project, "Data", "demo-catalogue.json"));
        return JsonDocument.Parse(file).RootElement.EnumerateArray().Select(coffee => coffee.Clone()).ToArray();
    }

    private static async Task<ExecuteCommandResult> ExecuteAsync(ApiCommandClient client, CancellationToken cancellationToken)
    {
        int created = 0, present = 0;
        foreach (var coffee in Coffees())
        {
            var nom = coffee.GetProperty("nom").GetString()!;
            var found = await client.GetAsync($"/products/?q={Uri.EscapeDataString(nom)}&limit=500", cancellationToken);
            if (!found.IsSuccess)
            {
                return CommandResults.Failure(found.Failure($"Recherche de « {nom} » impossible"));
            }

            if (found.Body.EnumerateArray().Any(product => string.Equals(product.GetProperty("nom").GetString(), nom, StringComparison.OrdinalIgnoreCase)))
            {
                present++;
                continue;
            }

            var answer = await client.PostAsync("/products/", coffee, cancellationToken);
            if (!answer.IsSuccess)
            {
                return CommandResults.Failure(answer.Failure($"Création de « {nom} » refusée"));
            }

            created++;
        }

        return CommandResults.Success(string.Create(CultureInfo.InvariantCulture,
            $"{created} produit(s) créé(s), {present} déjà présent(s) dans le catalogue."));
    }
}
