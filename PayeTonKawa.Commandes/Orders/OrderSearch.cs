using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using PayeTonKawa.ServiceDefaults.Http;

namespace PayeTonKawa.Commandes.Orders;

/// <summary>The filters of <c>GET /orders/</c>.</summary>
public sealed record OrderSearch(
    [FromQuery(Name = "skip")][property: Description("Nombre de commandes à sauter (0 par défaut).")] int? Skip,
    [FromQuery(Name = "limit")][property: Description("Nombre maximal de commandes renvoyées (100 par défaut, 500 au plus).")] int? Limit,
    [FromQuery(Name = "statut")][property: Description("Statut exact.")] string? Statut,
    [FromQuery(Name = "client_id")][property: Description("Identifiant du client.")] int? ClientId) : IPagedQuery;

/// <summary>The paging of <c>GET /orders/client/{client_id}</c>.</summary>
public sealed record PageQuery(
    [FromQuery(Name = "skip")][property: Description("Nombre de commandes à sauter (0 par défaut).")] int? Skip,
    [FromQuery(Name = "limit")][property: Description("Nombre maximal de commandes renvoyées (100 par défaut, 500 au plus).")] int? Limit) : IPagedQuery;

internal sealed class OrderSearchValidator : AbstractValidator<OrderSearch>
{
    public OrderSearchValidator()
    {
        this.AddPagingRules();
        RuleFor(search => search.Statut).Must(Statuts.IsKnown).WithMessage(OrderMessages.UnknownStatus)
            .When(search => search.Statut is not null);
    }
}

internal sealed class PageQueryValidator : AbstractValidator<PageQuery>
{
    public PageQueryValidator() => this.AddPagingRules();
}
