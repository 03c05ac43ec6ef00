using System.ComponentModel;

namespace PayeTonKawa.Commandes.Coherence;

/// <summary>
/// The answer of the stock coherence check. Its names and <see cref="StockEcart"/>'s are those of the HTTP contract
/// (OpenAPI schemas and JSON fields), so they stay in French; in the code an écart is a drift.
/// </summary>
public sealed record StockCoherenceReport(
    [property: Description("Nombre de commandes de Commandes comparées.")] int CommandesVerifiees,
    [property: Description("Nombre de réservations de Produits comparées.")] int ReservationsVerifiees,
    [property: Description("Commandes dont l'état ne correspond pas encore, mais modifiées (d'un côté ou de l'autre) depuis moins de stabilite_secondes : leurs événements peuvent être en route.")] int EnCours,
    [property: Description("Nombre total d'écarts trouvés (la liste ecarts s'arrête aux 500 premiers).")] int NombreEcarts,
    [property: Description("Les écarts, par commande_id croissant.")] IReadOnlyList<StockEcart> Ecarts);

/// <summary>One order whose state in Commandes and in Produits disagree.</summary>
public sealed record StockEcart(
    int CommandeId,
    [property: Description("Statut de la commande dans Commandes ; null si la commande n'existe plus.")] string? StatutCommande,
    [property: Description("Statut de la réservation dans Produits (reservee, liberee, refusee, consommee) ; null s'il n'y en a pas.")] string? ReservationProduits,
    [property: Description("Ce que Produits devrait avoir pour cette commande.")] string Attendu,
    [property: Description("L'écart, en français.")] string Detail);
