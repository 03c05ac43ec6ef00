namespace PayeTonKawa.ServiceDefaults;

/// <summary>Who a service is: its legacy name (<c>api-clients</c>) and the message <c>GET /</c> answers.</summary>
/// <param name="Name">The legacy service name, as reported by <c>/health</c>.</param>
/// <param name="Title">The human title used in the OpenAPI document.</param>
/// <param name="WelcomeMessage">The message returned by <c>GET /</c>.</param>
public sealed record ServiceIdentity(string Name, string Title, string WelcomeMessage)
{
    public string Version { get; } =
        typeof(ServiceIdentity).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
}
