namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>The largest request body accepted by the JSON endpoints (configuration section <c>RequestLimits</c>).</summary>
public sealed class RequestLimitsSettings
{
    public const string SectionName = "RequestLimits";

    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}
