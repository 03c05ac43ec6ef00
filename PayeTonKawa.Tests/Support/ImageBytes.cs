namespace PayeTonKawa.Tests.Support;

/// <summary>The smallest byte sequences the API recognises as each format (their signatures, then a few bytes).</summary>
internal static class ImageBytes
{
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, 1, 2, 3];
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, .. "JFIF"u8, 0, 1, 2];
    public static readonly byte[] Webp = [.. "RIFF"u8, 26, 0, 0, 0, .. "WEBP"u8, .. "VP8 "u8, 1, 2];
}
