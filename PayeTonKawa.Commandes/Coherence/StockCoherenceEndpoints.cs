using Microsoft.AspNetCore.Http.HttpResults;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.ServiceDefaults.OpenApi;
using PayeTonKawa.ServiceDefaults.Security;

namespace PayeTonKawa.Commandes.Coherence;

/// <summary>
/// <c>GET /admin/reservations/ecarts</c>: compares what Commandes believes is reserved with what Produits holds, for
/// an operator after an incident (and for the tests after every fault scenario). Requires <c>messaging:admin</c>.
/// </summary>
public static class StockCoherenceEndpoints
{
    /// <summary>How long the caller should wait before trying again when Produits does not answer.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    public static WebApplicationBuilder AddStockCoherenceCheck(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<ProduitsReservationsClient>(client => client.BaseAddress = ProduitsReservationsClient.BaseAddress);
        builder.Services.AddScoped<StockCoherenceCheck>();
        return builder;
    }

    public static IEndpointRouteBuilder MapStockCoherenceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/reservations/ecarts", CheckAsync)
            .WithTags("Exploitation")
            .RequireScope(Scopes.MessagingAdmin)
            .Validate<StockCoherenceQuery>()
            .WithSummary("Vérifier la cohérence du stock réservé")
            .WithDescription("Compare chaque commande avec la réservation que Produits tient pour elle (statut, produits et quantités), "
                + "par lots, et liste les écarts. Une commande modifiée depuis moins de stabilite_secondes compte comme en cours. "
                + "Appelle l'API Produits (GET /admin/reservations) avec la clé API reçue : elle doit y avoir la même portée.")
            .ProducesFieldError("stabilite_secondes hors de 0 à 86400.", "stabilite_secondes",
                CoherenceMessages.StabilityOutOfRange)
            .ProducesError(StatusCodes.Status503ServiceUnavailable,
                "L'API Produits ne répond pas (Retry-After donne le délai en secondes).", CoherenceMessages.ProduitsUnreachable)
            .ProducesError(StatusCodes.Status503ServiceUnavailable,
                "L'API Produits refuse la clé API transmise (ici avec un 403) : elle n'y a pas la portée messaging:admin.",
                CoherenceMessages.KeyRefusedByProduits(StatusCodes.Status403Forbidden));
        return app;
    }

    private static async Task<Results<Ok<StockCoherenceReport>, ProblemHttpResult>> CheckAsync(
        [AsParameters] StockCoherenceQuery query, StockCoherenceCheck check, HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await check.RunAsync(query.Stability, request.Headers, cancellationToken));
        }
        catch (ProduitsUnavailableException exception)
        {
            RetryAfter.Write(request.HttpContext.Response, RetryDelay);
            return TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
