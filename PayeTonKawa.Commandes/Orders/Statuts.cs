using PayeTonKawa.Messaging;

namespace PayeTonKawa.Commandes.Orders;

/// <summary>
/// The order lifecycle: <c>en_attente</c> → <c>validee</c> (by the stock reservation) → <c>en_preparation</c> →
/// <c>expediee</c> → <c>livree</c>; any status before <c>expediee</c> → <c>annulee</c>; <c>client_supprime</c> is set
/// by the system when the customer is deleted. <c>annulee</c>, <c>livree</c> and <c>client_supprime</c> are final.
/// </summary>
public static class Statuts
{
    public const string EnAttente = CommandeStatuts.EnAttente;
    public const string Validee = CommandeStatuts.Validee;
    public const string EnPreparation = CommandeStatuts.EnPreparation;
    public const string Expediee = CommandeStatuts.Expediee;
    public const string Livree = CommandeStatuts.Livree;
    public const string Annulee = CommandeStatuts.Annulee;
    public const string ClientSupprime = CommandeStatuts.ClientSupprime;

    public static IReadOnlyList<string> All { get; } = [EnAttente, Validee, EnPreparation, Expediee, Livree, Annulee, ClientSupprime];

    private static readonly Dictionary<string, string> NextStep = new()
    {
        [Validee] = EnPreparation,
        [EnPreparation] = Expediee,
        [Expediee] = Livree,
    };

    public static bool IsKnown(string? statut) => statut is not null && All.Contains(statut);

    public static bool IsFinal(string statut) => statut is Livree or Annulee or ClientSupprime;

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
