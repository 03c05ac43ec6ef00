using System.Runtime.CompilerServices;

namespace PayeTonKawa.Produits.Products;

/// <summary>What the product routes log about the changes they make.</summary>
internal static partial class ProductLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Product {ProduitId} created")]
    public static partial void Created(ILogger logger, int produitId,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Product {ProduitId} updated")]
    public static partial void Updated(ILogger logger, int produitId,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Product {ProduitId} deleted")]
    public static partial void Deleted(ILogger logger, int produitId,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Image of product {ProduitId} replaced ({Bytes} bytes)")]
    public static partial void ImageStored(ILogger logger, int produitId, int bytes,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
