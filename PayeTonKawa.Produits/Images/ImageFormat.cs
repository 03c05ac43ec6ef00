namespace PayeTonKawa.Produits.Images;

/// <summary>
/// The accepted image formats, recognised by their first bytes (their "magic number"), not by the file name alone:
/// a text file renamed <c>.png</c> is refused.
/// </summary>
public sealed record ImageFormat(string ContentType, string[] Extensions, Func<ReadOnlyMemory<byte>, bool> Matches)
{
    public static readonly ImageFormat Jpeg = new("image/jpeg", ["jpg", "jpeg"], bytes => bytes.Span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]));

    public static readonly ImageFormat Png = new("image/png", ["png"],
        bytes => bytes.Span.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));

    public static readonly ImageFormat Webp = new("image/webp", ["webp"],
        bytes => bytes.Length >= 12 && bytes.Span[..4].SequenceEqual("RIFF"u8) && bytes.Span[8..12].SequenceEqual("WEBP"u8));

    public static IReadOnlyList<ImageFormat> All { get; } = [Jpeg, Png, Webp];

    /// <summary>The format whose extension is <paramref name="extension"/> (without the dot, any case), if accepted.</summary>
    public static ImageFormat? ForExtension(string extension) =>
        All.FirstOrDefault(format => format.Extensions.Contains(extension.ToLowerInvariant()));
}
