namespace PayeTonKawa.Commandes.Orders;

internal static class OrderMessages
{
    public const string NotFound = "Commande non trouvee";
    public const string AtLeastOneLine = "Au moins une ligne requise";
    public static readonly string TooManyLines = $"Une commande compte {CreateOrderValidator.MaxLines} lignes au plus.";
    public static readonly string InvalidIdempotencyKey =
        $"En-tête {IdempotencyKeys.HeaderName} invalide : 1 à {IdempotencyKeys.MaxLength} caractères parmi lettres, chiffres, « - », « _ », « . » et « : ».";
    public const string IdempotencyKeyReused =
        "Cette clé d'idempotence a déjà servi pour une autre commande (client ou lignes différents) : utilisez une nouvelle clé pour une nouvelle commande.";
    public const string ConcurrentChange = "La commande a été modifiée par une autre requête entre-temps ; relisez-la puis réessayez.";

    public static readonly string UnknownStatus = $"Statut inconnu ; valeurs possibles : {string.Join(", ", Statuts.All)}.";
}
