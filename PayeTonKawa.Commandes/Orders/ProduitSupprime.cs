namespace PayeTonKawa.Commandes.Orders;

/// <summary>
/// A product deleted from the catalogue: recorded so that the orders that contain it can say so; the orders themselves
/// keep their lines (with the price paid) unchanged.
/// </summary>
public sealed class ProduitSupprime
{
    public int ProduitId { get; set; }

    public DateTimeOffset DateSuppression { get; set; }
}
