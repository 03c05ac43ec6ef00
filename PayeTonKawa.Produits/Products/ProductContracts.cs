using System.ComponentModel;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.ServiceDefaults.OpenApi;

namespace PayeTonKawa.Produits.Products;

/// <summary>A new product.</summary>
[Example("""{"nom":"Moka Sidamo","description":"Arabica lavé aux notes d'agrumes et de jasmin.","prix":12.5,"stock":120,"origine":"Éthiopie","poids_kg":1.0}""")]
public sealed record CreateProductRequest(
    [property: Description("Nom du produit, 2 à 200 caractères.")] string? Nom,
    [property: Description("Prix en euros, strictement positif, 99999999.99 au plus, deux décimales au plus.")] decimal? Prix,
    [property: Description("Description, 500 caractères au plus.")] string? Description = null,
    [property: Description("Unités en stock, 0 ou plus ; 0 par défaut.")] int? Stock = null,
    [property: Description("Pays ou région d'origine, 100 caractères au plus.")] string? Origine = null,
    [property: Description("Poids en kilogrammes, strictement positif, 9999999.999 au plus, trois décimales au plus ; 1.0 par défaut.")] decimal? PoidsKg = null,
    [property: Description("Adresse d'une image, 500 caractères au plus.")] string? ImageUrl = null);

/// <summary>A partial update: only the fields sent (not null) change; <c>actif</c> can be set only here.</summary>
[Example("""{"prix":13.9,"stock":80,"actif":true}""")]
public sealed record UpdateProductRequest(
    [property: Description("Nouveau nom, 2 à 200 caractères.")] string? Nom = null,
    [property: Description("Nouvelle description, 500 caractères au plus ; une chaîne vide l'efface.")] string? Description = null,
    [property: Description("Nouveau prix, strictement positif, 99999999.99 au plus, deux décimales au plus.")] decimal? Prix = null,
    [property: Description("Nouveau stock, 0 ou plus.")] int? Stock = null,
    [property: Description("Nouvelle origine, 100 caractères au plus ; une chaîne vide l'efface.")] string? Origine = null,
    [property: Description("Nouveau poids en kilogrammes, strictement positif, 9999999.999 au plus, trois décimales au plus.")] decimal? PoidsKg = null,
    [property: Description("Nouvelle adresse d'image, 500 caractères au plus ; une chaîne vide l'efface.")] string? ImageUrl = null,
    [property: Description("Produit proposé à la vente (true) ou retiré (false).")] bool? Actif = null);

public sealed record ProductResponse(
    int Id,
    string Nom,
    string? Description,
    decimal Prix,
    int Stock,
    string? Origine,
    decimal PoidsKg,
    string? ImageUrl,
    bool Actif,
    DateTimeOffset DateCreation,
    DateTimeOffset? DateModification)
{
    public static ProductResponse From(Produit produit) => new(
        produit.Id, produit.Nom, produit.Description, produit.Prix.WithoutTrailingZeros(), produit.Stock, produit.Origine,
        produit.PoidsKg.WithoutTrailingZeros(), produit.ImageUrl, produit.Actif, produit.DateCreation, produit.DateModification);
}
