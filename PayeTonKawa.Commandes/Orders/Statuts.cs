namespace PayeTonKawa.Commandes.Orders;

/// <summary>
/// The order lifecycle: <c>en_attente</c> → <c>validee</c> (by the stock reservation) → <c>en_preparation</c> →
/// <c>expediee</c> → <c>livree</c>; any status before <c>expediee</c> → <c>annulee</c>; <c>client_supprime</c> is set
/// by the system when the customer is deleted. <c>annulee</c>, <c>livree</c> and <c>client_supprime</c> are final.
/// The values are part of the <c>commande.*</c> events' contract: Commandes publishes them, so they are declared here;
/// a consumer re-declares the ones it reads (Produits, in its <c>IncomingEvents.cs</c>).
/// </summary>
public static class Statuts
{
    public const string EnAttente = "en_attente";
    public const string Validee = "validee";
    public const string EnPreparation = "en_preparation";
    public const string Expediee = "expediee";
    public const string Livree = "livree";
    public const string Annulee = "annulee";
    public const string ClientSupprime = "client_supprime";

    public static IReadOnlyList<string> All { get; } = [EnAttente, Validee, EnPreparation, Expediee, Livree, Annulee, ClientSupprime];

    /// <summary>The statuses an order never leaves.</summary>
    public static IReadOnlyList<string> Final { get; } = [Livree, Annulee, ClientSupprime];

    private static readonly Dictionary<string, string> NextStep = new()
    {
        [Validee] = EnPreparation,
        [EnPreparation] = Expediee,
        [Expediee] = Livree,
    };

    public static bool IsKnown(string? statut) => statut is not null && All.Contains(statut);

    public static bool IsFinal(string statut) => Final.Contains(statut);

    /// <summary>
    /// Why a caller of the API may not move an order from <paramref name="from"/> to <paramref name="to"/>, in French;
    /// null when the change is allowed. Setting the current status again is allowed (it changes nothing).
    /// </summary>
    public static string? RefusalForCaller(string from, string to)
    {
        if (from == to)
        {
            return null;
        }

        if (to == ClientSupprime)
        {
            return "Le statut client_supprime est posé par le système, à la suppression du client.";
        }

        if (IsFinal(from))
        {
            return $"La commande est au statut « {from} » : il ne peut plus changer.";
        }

        if (to == Validee)
        {
            return "Une commande est validée automatiquement, une fois son stock réservé.";
        }

        if (to == Annulee)
        {
            return from == Expediee ? "Une commande expédiée ne peut plus être annulée." : null;
        }

        return NextStep.TryGetValue(from, out var next) && next == to
            ? null
            : $"Passage de « {from} » à « {to} » interdit : "
              + (NextStep.TryGetValue(from, out var expected) ? $"le statut suivant est « {expected} »." : "la commande attend la réservation de son stock.");
    }

    /// <summary>True while the order holds (or may hold) reserved stock that must be given back if it ends.</summary>
    public static bool MayHoldStock(string statut) => statut is EnAttente or Validee or EnPreparation;
}
