namespace PayeTonKawa.Produits.Images;

/// <summary>
/// A product's image, stored in the database rather than on local disk so that every instance of the service
/// serves the same images (the service keeps no state of its own).
/// </summary>
public sealed class ProduitImage
{
    public int ProduitId { get; set; }

    public required byte[] Contenu { get; set; }

    public required string ContentType { get; set; }

    /// <summary>The extension of the public file name, <c>produit_{id}.{extension}</c>.</summary>
    public required string Extension { get; set; }

    public DateTimeOffset DateModification { get; set; }
}
