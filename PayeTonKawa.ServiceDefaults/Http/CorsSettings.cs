namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>The browser origins allowed to call the API (configuration section <c>Cors</c>).</summary>
public sealed class CorsSettings
{
    public const string SectionName = "Cors";

    /// <summary>
    /// The front ends in development, used when <c>Cors:AllowedOrigins</c> is not configured: the back-office (3000), the
    /// web shop (4321, and 4322 when 4321 is taken, as the Python version allowed) and a Vite dev server (5173).
    /// </summary>
    public static readonly string[] DefaultOrigins =
        ["http://localhost:3000", "http://localhost:4321", "http://localhost:4322", "http://localhost:5173"];

    // Null rather than defaulted: the configuration binder appends to an array, it would never replace the defaults.
    public string[]? AllowedOrigins { get; set; }

    public string[] Origins => AllowedOrigins ?? DefaultOrigins;
}
