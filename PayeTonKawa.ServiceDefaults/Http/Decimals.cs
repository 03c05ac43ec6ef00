namespace PayeTonKawa.ServiceDefaults.Http;

public static class Decimals
{
    /// <summary>
    /// <paramref name="value"/> without the trailing zeros of its scale. A decimal keeps its scale: read back from
    /// <c>numeric(10,2)</c> it prints 12.50, as sent it may print 12.5; every answer prints an amount the same way
    /// (12.5, as the legacy API did).
    /// </summary>
    public static decimal WithoutTrailingZeros(this decimal value) => value / 1.000000000000000000000000000000000m;
}
