namespace PayeTonKawa.Produits.Products;

internal static class ProductMessages
{
    public const string NotFound = "Produit non trouve";
    public const string ConcurrentChange = "Le produit a été modifié par une autre requête entre-temps ; relisez-le puis réessayez.";
    public const string PriceRange = "Le prix minimal ne peut pas dépasser le prix maximal.";
}
