namespace PayeTonKawa.Tests.Support;

internal static class OrderRequests
{
    /// <summary>A client id no other test uses, so that lists filtered on it contain only this test's orders.</summary>
    public static int NewClientId() => Random.Shared.Next(1_000_000, int.MaxValue);

    /// <summary>2 × 12.50 + 1 × 8.00 = 33.00, the contract's example.</summary>
    public static object Valid(int clientId) => new
    {
        client_id = clientId,
        lignes = new object[]
        {
            new { produit_id = 1, quantite = 2, prix_unitaire = 12.50m },
            new { produit_id = 2, quantite = 1, prix_unitaire = 8.00m },
        },
    };
}
