using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.ServiceDefaults.OpenApi;
using PayeTonKawa.ServiceDefaults.Security;

namespace PayeTonKawa.Produits.Stock;

/// <summary>
/// Lets an operator (and the stock coherence check of Commandes) read the reservations Produits holds, to compare
/// them with the orders. Requires the <c>messaging:admin</c> scope.
/// </summary>
public static class ReservationsEndpoints
{
    public static IEndpointRouteBuilder MapReservationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/reservations", ListAsync)
            .WithTags("Exploitation")
            .RequireScope(Scopes.MessagingAdmin)
            .Validate<ReservationQuery>()
            .WithSummary("Lister les réservations de stock")
            .WithDescription("Une réservation par commande connue de Produits, avec ses lignes, triées par commande_id ; "
                + "pour la page suivante, passer dans apres le dernier commande_id reçu (une page plus courte que limite est la dernière).");

        return app;
    }

    private static async Task<Ok<ReservationResponse[]>> ListAsync(
        [AsParameters] ReservationQuery query, ProduitsDbContext db, CancellationToken cancellationToken)
    {
        var reservations = await db.Reservations.AsNoTracking()
            .Where(reservation => reservation.CommandeId > query.After)
            .OrderBy(reservation => reservation.CommandeId)
            .Take(query.Take)
            .Include(reservation => reservation.Lignes)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(reservations.Select(ReservationResponse.From).ToArray());
    }
}
