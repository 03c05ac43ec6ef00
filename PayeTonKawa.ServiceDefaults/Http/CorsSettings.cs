namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>The browser origins allowed to call the API (configuration section <c>Cors</c>).</summary>
public sealed class CorsSettings
{
    public const string SectionName = "Cors";

    /// <summary>The legacy front-ends, used when <c>Cors:AllowedOrigins</c> is not configured.</summary>
    public static readonly string[] DefaultOrigins = ["http://localhost:3000", "http://localhost:5173"];

    // Null rather than defaulted: the configuration binder appends to an array, it would never replace the defaults.
    public string[]? AllowedOrigins { get; set; }

    public string[] Origins => AllowedOrigins ?? DefaultOrigins;
}
