using PayeTonKawa.Commandes.Orders;
using static PayeTonKawa.Commandes.Coherence.ProduitsReservation;

namespace PayeTonKawa.Commandes.Coherence;

public enum Verdict
{
    Consistent,
    InProgress,
    Drift,
}

/// <summary>How one order and Produits' reservation for it compare; <see cref="Expected"/> and <see cref="Detail"/> for a drift.</summary>
public sealed record Judgement(Verdict Verdict, string? Expected = null, string? Detail = null)
{
    public static readonly Judgement Consistent = new(Verdict.Consistent);
}

/// <summary>
/// What Produits must hold for an order in each status, once the events between them have arrived:
/// <c>validee</c>, <c>en_preparation</c> → <c>reservee</c> with the order's lines; <c>expediee</c>, <c>livree</c> →
/// <c>consommee</c> with them; <c>annulee</c> → nothing held (no reservation, <c>liberee</c> or <c>refusee</c>);
/// <c>client_supprime</c> → the same, or <c>consommee</c> when the order had shipped; a deleted order → nothing held;
/// <c>en_attente</c> → never for long. Anything else is a drift, unless one side changed within the stability delay:
/// then the events may still be on their way, and the order is only counted as under way.
/// </summary>
public static class StockExpectation
{
    public static Judgement Judge(Commande? commande, ProduitsReservation? reservation, DateTimeOffset stableBefore)
    {
        var judgement = Compare(commande, reservation);
        var recent = (commande is not null && (commande.DateModification ?? commande.DateCommande) > stableBefore)
            || (reservation is not null && reservation.LastChange > stableBefore);
        return judgement.Verdict == Verdict.Drift && recent ? new Judgement(Verdict.InProgress) : judgement;
    }

    private static Judgement Compare(Commande? commande, ProduitsReservation? reservation)
    {
        var statut = reservation?.Statut;
        switch (commande?.Statut)
        {
            case null:
                const string nothingHeld = "liberee, refusee ou consommee";
                return statut is Reservee ? Drift(nothingHeld, CoherenceMessages.DeletedOrderStillHolds) : Judgement.Consistent;
            case Statuts.EnAttente:
                return Drift("une réponse du stock (commande validee et réservation reservee, ou commande annulee et réservation refusee)",
                    CoherenceMessages.StillWaiting(statut));
            case Statuts.Validee or Statuts.EnPreparation:
                return SameLines(commande, reservation, Reservee);
            case Statuts.Expediee or Statuts.Livree:
                return SameLines(commande, reservation, Consommee);
            case Statuts.Annulee:
                const string released = "aucune réservation, liberee ou refusee";
                return statut switch
                {
                    Reservee => Drift(released, CoherenceMessages.CancelledOrderStillHolds),
                    Consommee => Drift(released, CoherenceMessages.CancelledOrderConsumed),
                    null or Liberee or Refusee => Judgement.Consistent,
                    _ => Drift(released, CoherenceMessages.WrongStatus(statut, released)),
                };
            default:
                // client_supprime: an order that had shipped keeps its consumed stock.
                const string releasedOrShipped = "aucune réservation, liberee, refusee ou consommee";
                return statut switch
                {
                    Reservee => Drift(releasedOrShipped, CoherenceMessages.CancelledOrderStillHolds),
                    null or Liberee or Refusee or Consommee => Judgement.Consistent,
                    _ => Drift(releasedOrShipped, CoherenceMessages.WrongStatus(statut, releasedOrShipped)),
                };
        }
    }

    private static Judgement SameLines(Commande commande, ProduitsReservation? reservation, string expected)
    {
        if (reservation is null)
        {
            return Drift(expected, CoherenceMessages.NoReservation);
        }

        if (reservation.Statut != expected)
        {
            return Drift(expected, CoherenceMessages.WrongStatus(reservation.Statut, expected));
        }

        // Produits reserves one line per product, the sum of the order's lines for it.
        var ordered = commande.Lignes.GroupBy(ligne => ligne.ProduitId).ToDictionary(group => group.Key, group => group.Sum(ligne => ligne.Quantite));
        var reserved = (reservation.Lignes ?? []).GroupBy(ligne => ligne.ProduitId).ToDictionary(group => group.Key, group => group.Sum(ligne => ligne.Quantite));
        var differences = ordered.Keys.Union(reserved.Keys).Order()
            .Select(produitId => (ProduitId: produitId, Ordered: ordered.GetValueOrDefault(produitId), Reserved: reserved.GetValueOrDefault(produitId)))
            .Where(line => line.Ordered != line.Reserved)
            .ToList();
        return differences.Count == 0 ? Judgement.Consistent : Drift(expected, CoherenceMessages.DifferentLines(differences));
    }

    private static Judgement Drift(string expected, string detail) => new(Verdict.Drift, expected, detail);
}
