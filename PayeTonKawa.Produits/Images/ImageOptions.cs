namespace PayeTonKawa.Produits.Images;

public sealed class ImageOptions
{
    public const string SectionName = "Images";

    /// <summary>Largest accepted image, 5 Mo by default (configuration key <c>Images:MaxBytes</c>).</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;
}
