namespace PayeTonKawa.AppHost;

/// <summary>What to check when a resource fails to start.</summary>
public sealed record StartupHintAnnotation(string Hint) : IResourceAnnotation;
