namespace PayeTonKawa.Commandes.Orders;

internal static class OrderMessages
{
    public const string NotFound = "Commande non trouvee";
    public const string AtLeastOneLine = "Au moins une ligne requise";
    public static readonly string TooManyLines = $"Une commande compte {CreateOrderValidator.MaxLines} lignes au plus.";
    public const string ConcurrentChange = "La commande a été modifiée par une autre requête entre-temps ; relisez-la puis réessayez.";

    public static readonly string UnknownStatus = $"Statut inconnu ; valeurs possibles : {string.Join(", ", Statuts.All)}.";
}
