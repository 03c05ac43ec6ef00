using System.ComponentModel;

namespace PayeTonKawa.Produits.Images;

/// <summary>The multipart form of <c>POST /products/{id}/image</c>, as documented in OpenAPI.</summary>
public sealed record ImageUpload(
    [property: Description("L'image : jpg, jpeg, png ou webp, 5 Mo au plus par défaut.")] IFormFile File);
