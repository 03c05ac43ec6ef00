namespace PayeTonKawa.Tests.Support;

internal static class ProductRequests
{
    public static string Token() => Guid.NewGuid().ToString("N")[..12];

    public static Dictionary<string, object?> Valid(string? nom = null) => new()
    {
        ["nom"] = nom ?? $"Moka {Token()}",
        ["description"] = "Arabica lavé, notes d'agrumes",
        ["prix"] = 12.5m,
        ["stock"] = 50,
        ["origine"] = "Éthiopie",
        ["poids_kg"] = 1.0m,
    };
}
