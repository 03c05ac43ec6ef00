namespace PayeTonKawa.Tests.Support;

/// <summary>The API keys every service under test accepts.</summary>
public static class TestKeys
{
    /// <summary>The legacy single key: full access.</summary>
    public const string Legacy = "test-legacy-key";

    /// <summary>A web-shop key: reads products, creates and reads orders, logs customers in; nothing else.</summary>
    public const string Shop = "test-shop-key";

    public const string ShopName = "boutique-web";

    /// <summary>The key Prometheus scrapes with: <c>metrics:read</c> only.</summary>
    public const string Metrics = "test-metrics-key";

    public const string MetricsName = "prometheus";

    public static readonly string[] ShopScopes = ["produits:read", "commandes:read", "commandes:write", "clients:login"];
}
