using System.ComponentModel;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.ServiceDefaults.OpenApi;

namespace PayeTonKawa.Commandes.Orders;

/// <summary>A new order; its total and status are set by the server.</summary>
[Example("""{"client_id":1,"lignes":[{"produit_id":1,"quantite":2,"prix_unitaire":12.5},{"produit_id":2,"quantite":1,"prix_unitaire":8.0}]}""")]
public sealed record CreateOrderRequest(
    [property: Description("Identifiant du client, strictement positif.")] int? ClientId,
    [property: Description("Lignes de la commande, de 1 à 100.")] List<CreateOrderLineRequest>? Lignes);

/// <summary>A line of a new order; <c>quantite</c> may be left out (1).</summary>
public sealed record CreateOrderLineRequest(
    [property: Description("Identifiant du produit, strictement positif.")] int? ProduitId,
    [property: Description("Prix unitaire en euros, strictement positif, 1000000 au plus, deux décimales au plus.")] decimal? PrixUnitaire,
    [property: Description("Quantité, de 1 à 10000 ; 1 par défaut.")] int? Quantite = null);

[Example("""{"statut":"en_preparation"}""")]
public sealed record UpdateOrderStatusRequest(
    [property: Description("Nouveau statut : en_preparation, expediee, livree ou annulee.")] string? Statut);

public sealed record OrderLineResponse(int Id, int CommandeId, int ProduitId, int Quantite, decimal PrixUnitaire);

public sealed record OrderResponse(
    int Id,
    int ClientId,
    [property: Description("en_attente, validee, en_preparation, expediee, livree, annulee ou client_supprime.")] string Statut,
    [property: Description("Pourquoi la réservation du stock a été refusée (commande annulee), en français ; null sinon.")] string? Motif,
    [property: Description("Somme des prix_unitaire × quantite, calculée par le serveur.")] decimal Total,
    DateTimeOffset DateCommande,
    DateTimeOffset? DateModification,
    IReadOnlyList<OrderLineResponse> Lignes)
{
    public static OrderResponse From(Commande commande) => new(
        commande.Id,
        commande.ClientId,
        commande.Statut,
        commande.Motif,
        commande.Total.WithoutTrailingZeros(),
        commande.DateCommande,
        commande.DateModification,
        [.. commande.Lignes.OrderBy(ligne => ligne.Id).Select(ligne => new OrderLineResponse(
            ligne.Id, commande.Id, ligne.ProduitId, ligne.Quantite, ligne.PrixUnitaire.WithoutTrailingZeros()))]);
}
