using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using PayeTonKawa.ServiceDefaults.Http;

namespace PayeTonKawa.Produits.Products;

/// <summary>The filters of <c>GET /products/</c>.</summary>
public sealed record ProductSearch(
    [FromQuery(Name = "skip")][property: Description("Nombre de produits à sauter (0 par défaut).")] int? Skip,
    [FromQuery(Name = "limit")][property: Description("Nombre maximal de produits renvoyés (100 par défaut, 500 au plus).")] int? Limit,
    [FromQuery(Name = "q")][property: Description("Texte cherché dans le nom et la description.")] string? Q,
    [FromQuery(Name = "origine")][property: Description("Origine (contient, sans tenir compte de la casse).")] string? Origine,
    [FromQuery(Name = "prix_min")][property: Description("Prix minimal inclus.")] decimal? PrixMin,
    [FromQuery(Name = "prix_max")][property: Description("Prix maximal inclus.")] decimal? PrixMax,
    [FromQuery(Name = "actif")][property: Description("true : produits en vente ; false : retirés de la vente.")] bool? Actif) : IPagedQuery;

internal sealed class ProductSearchValidator : AbstractValidator<ProductSearch>
{
    public ProductSearchValidator()
    {
        this.AddPagingRules();
        RuleFor(search => search.Q).MaximumLength(200);
        RuleFor(search => search.Origine).MaximumLength(100);
        RuleFor(search => search.PrixMin).GreaterThanOrEqualTo(0);
        RuleFor(search => search.PrixMax).GreaterThanOrEqualTo(0);
        RuleFor(search => search.PrixMin)
            .LessThanOrEqualTo(search => search.PrixMax).WithMessage(ProductMessages.PriceRange)
            .When(search => search.PrixMin is not null && search.PrixMax is not null);
    }
}
