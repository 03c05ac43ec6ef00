namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>Builds <c>ILIKE</c> patterns from user text, so that <c>%</c> and <c>_</c> are matched literally.</summary>
public static class SearchText
{
    public static string Contains(string text) => $"%{Escape(text.Trim())}%";

    private static string Escape(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal)
            .Replace("\0", string.Empty, StringComparison.Ordinal);
}
