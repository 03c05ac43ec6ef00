using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using PayeTonKawa.ServiceDefaults.Http;

namespace PayeTonKawa.Clients.Customers;

/// <summary>The filters of <c>GET /customers/</c>.</summary>
public sealed record CustomerSearch(
    [FromQuery(Name = "skip")][property: Description("Nombre de clients à sauter (0 par défaut).")] int? Skip,
    [FromQuery(Name = "limit")][property: Description("Nombre maximal de clients renvoyés (100 par défaut, 500 au plus).")] int? Limit,
    [FromQuery(Name = "q")][property: Description("Texte cherché dans le nom, le prénom et l'e-mail.")] string? Q,
    [FromQuery(Name = "email")][property: Description("E-mail exact (sans tenir compte de la casse).")] string? Email) : IPagedQuery;

internal sealed class CustomerSearchValidator : AbstractValidator<CustomerSearch>
{
    public CustomerSearchValidator()
    {
        this.AddPagingRules();
        RuleFor(search => search.Q).MaximumLength(200);
        RuleFor(search => search.Email).MaximumLength(254);
    }
}
