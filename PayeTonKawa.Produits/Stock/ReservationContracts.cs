using System.ComponentModel;

namespace PayeTonKawa.Produits.Stock;

public sealed record LigneReservationResponse(int ProduitId, int Quantite);

/// <summary>What Produits holds for one order, as the stock coherence check of Commandes reads it.</summary>
public sealed record ReservationResponse(
    int CommandeId,
    [property: Description("reservee (stock retenu), liberee (rendu), refusee (jamais retenu) ou consommee (parti avec la commande expédiée).")] string Statut,
    [property: Description("Pourquoi la réservation a été refusée, en français ; null sinon.")] string? Motif,
    [property: Description("Produits et quantités retenus (vide pour une réservation refusée, ou libérée avant d'avoir été faite).")] IReadOnlyList<LigneReservationResponse> Lignes,
    DateTimeOffset DateCreation,
    DateTimeOffset? DateModification)
{
    public static ReservationResponse From(Reservation reservation) => new(
        reservation.CommandeId,
        reservation.Statut,
        reservation.Motif,
        [.. reservation.Lignes.OrderBy(ligne => ligne.ProduitId).Select(ligne => new LigneReservationResponse(ligne.ProduitId, ligne.Quantite))],
        reservation.DateCreation,
        reservation.DateModification);
}
