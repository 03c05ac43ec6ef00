namespace PayeTonKawa.ServiceDefaults.Health;

/// <summary>The legacy <c>/health</c> body, kept field for field for the existing probes.</summary>
public sealed record HealthResponse(string Status, string Service, string Database, DateTimeOffset Timestamp, string Version);
