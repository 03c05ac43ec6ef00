namespace PayeTonKawa.ServiceDefaults.Security;

/// <summary>What an API key may do. Each scope is also the name of the authorization policy that requires it.</summary>
public static class Scopes
{
    public const string All = "*";

    public const string ClientsRead = "clients:read";
    public const string ClientsWrite = "clients:write";
    public const string ClientsLogin = "clients:login";
    public const string ProduitsRead = "produits:read";
    public const string ProduitsWrite = "produits:write";
    public const string CommandesRead = "commandes:read";
    public const string CommandesWrite = "commandes:write";
    public const string MessagingAdmin = "messaging:admin";
    public const string MetricsRead = "metrics:read";

    public static IReadOnlyList<string> Known { get; } =
        [ClientsRead, ClientsWrite, ClientsLogin, ProduitsRead, ProduitsWrite, CommandesRead, CommandesWrite, MessagingAdmin, MetricsRead];

    public const string ClaimType = "scope";
}
