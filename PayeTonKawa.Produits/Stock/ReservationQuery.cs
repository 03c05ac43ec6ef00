using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using PayeTonKawa.ServiceDefaults.Http;

namespace PayeTonKawa.Produits.Stock;

/// <summary>
/// The keyset paging of <c>GET /admin/reservations</c>: the reservations of the orders whose id follows <c>apres</c>.
/// Unlike <c>skip</c>, a page stays right while reservations are added, so a long walk sees each one once.
/// </summary>
public sealed record ReservationQuery(
    [FromQuery(Name = "apres")][property: Description("Identifiant de commande après lequel commencer (0 par défaut : depuis le début).")] int? Apres,
    [FromQuery(Name = "limite")][property: Description("Nombre maximal de réservations renvoyées (100 par défaut, 500 au plus).")] int? Limite)
{
    public int After => Apres ?? 0;

    public int Take => Page.From(0, Limite).Limit;
}

internal sealed class ReservationQueryValidator : AbstractValidator<ReservationQuery>
{
    public ReservationQueryValidator()
    {
        RuleFor(query => query.Apres).GreaterThanOrEqualTo(0);
        RuleFor(query => query.Limite).GreaterThanOrEqualTo(1);
    }
}
