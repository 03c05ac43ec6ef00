namespace PayeTonKawa.Produits.Images;

public sealed class ImageOptions
{
    public const string SectionName = "Images";

    /// <summary>Largest accepted upload, 5 Mo by default.</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;
}
