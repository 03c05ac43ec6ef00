namespace PayeTonKawa.ServiceDefaults.Security;

/// <summary>
/// Request quotas (configuration section <c>RateLimiting</c>): per API key name for authenticated calls, per client
/// address otherwise (anonymous routes, missing or invalid keys). Each quota is a fixed window.
/// </summary>
public sealed class RateLimitingSettings
{
    public const string SectionName = "RateLimiting";

    public RateLimitQuota PerApiKey { get; set; } = new() { PermitLimit = 1000, Window = TimeSpan.FromSeconds(1) };

    public RateLimitQuota PerAddress { get; set; } = new() { PermitLimit = 50, Window = TimeSpan.FromSeconds(1) };
}

public sealed class RateLimitQuota
{
    /// <summary>Requests accepted per window.</summary>
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    public bool IsValid => PermitLimit > 0 && Window > TimeSpan.Zero;
}
