namespace PayeTonKawa.Produits.Stock;

public sealed class StockOptions
{
    public const string SectionName = "Stock";

    /// <summary>Below this many units, a change raises <c>produit.stock_low</c> (legacy: 10).</summary>
    public int SeuilAlerte { get; set; } = 10;
}
