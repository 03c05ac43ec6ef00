using System.Globalization;

namespace PayeTonKawa.Commandes.Coherence;

/// <summary>The French wording of the stock coherence check.</summary>
public static class CoherenceMessages
{
    public const string ProduitsUnreachable = "L'API Produits ne répond pas : la cohérence du stock ne peut pas être vérifiée pour l'instant.";
    public const string ProduitsUnreadable = "L'API Produits a renvoyé une liste de réservations illisible.";
    public const string StabilityOutOfRange = "Un nombre de secondes de 0 à 86400 est attendu.";
    public const string NoReservation = "Produits n'a aucune réservation pour cette commande.";
    public const string DeletedOrderStillHolds = "La commande n'existe plus, mais Produits retient encore son stock (réservation reservee).";
    public const string CancelledOrderStillHolds = "La commande est terminée sans expédition, mais Produits retient encore son stock (réservation reservee).";
    public const string CancelledOrderConsumed = "La commande a été annulée, mais Produits compte son stock comme parti avec une expédition (réservation consommee).";

    public static string KeyRefusedByProduits(int status) => string.Create(CultureInfo.InvariantCulture,
        $"L'API Produits a refusé la clé API transmise (statut {status}) : la clé doit avoir la portée messaging:admin sur Commandes et sur Produits.");

    public static string ProduitsAnswered(int status) => string.Create(CultureInfo.InvariantCulture,
        $"L'API Produits a répondu {status} à la lecture des réservations : la cohérence du stock ne peut pas être vérifiée pour l'instant.");

    public static string StillWaiting(string? reservation) =>
        $"La commande attend toujours la réponse du stock ; côté Produits : {reservation ?? "aucune réservation"}.";

    public static string WrongStatus(string reservation, string expected) =>
        $"Produits a la réservation au statut « {reservation} », attendu : {expected}.";

    public static string DifferentLines(IEnumerable<(int ProduitId, int Ordered, int Reserved)> differences) =>
        "Les lignes réservées diffèrent de la commande : "
        + string.Join(", ", differences.Select(difference => string.Create(CultureInfo.InvariantCulture,
            $"produit {difference.ProduitId} : {difference.Ordered} commandé(s), {difference.Reserved} réservé(s)")))
        + ".";
}
