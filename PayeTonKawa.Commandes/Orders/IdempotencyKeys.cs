using PayeTonKawa.ServiceDefaults.Telemetry;

namespace PayeTonKawa.Commandes.Orders;

/// <summary>
/// <c>Idempotency-Key</c> on <c>POST /orders/</c>: a client that does not know whether its order was taken (a 503, a
/// cut connection, a timeout — a database failover can commit an order whose answer is then lost) sends it again
/// with the same key and gets the same order, never a second one. Optional: without it, nothing changes.
/// </summary>
internal static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>The same rules as a request id: short, and made of characters that cannot forge a log line.</summary>
    public const int MaxLength = RequestId.MaxLength;

    public static bool IsValid(string key) => RequestId.IsSane(key);

    /// <summary>Whether <paramref name="request"/> is the order already created under its key, sent again.</summary>
    public static bool IsSameOrder(Commande existing, CreateOrderRequest request) =>
        existing.ClientId == request.ClientId
        && existing.Lignes.OrderBy(ligne => ligne.Id)
            .Select(ligne => (ligne.ProduitId, ligne.Quantite, ligne.PrixUnitaire))
            .SequenceEqual(request.Lignes!.Select(line => (line!.ProduitId!.Value, line.Quantite ?? 1, line.PrixUnitaire!.Value)));
}
