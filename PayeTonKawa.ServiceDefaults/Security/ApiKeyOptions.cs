namespace PayeTonKawa.ServiceDefaults.Security;

/// <summary>
/// The API keys a service accepts, read from configuration section <c>ApiKeys</c> and reloaded on change,
/// so that a key can be added, rotated or revoked without a rebuild.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "ApiKeys";

    /// <summary>The single key of the legacy system: it keeps working as a full-access key named <c>legacy</c>.</summary>
    public string? LegacyKey { get; set; }

    /// <summary>Named keys, each with its scopes (see <see cref="Scopes"/>).</summary>
    public Dictionary<string, ApiKeyDefinition> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class ApiKeyDefinition
{
    public string Key { get; set; } = "";

    public string[] Scopes { get; set; } = [];
}
