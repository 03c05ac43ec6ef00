namespace PayeTonKawa.Tests.Support;

/// <summary>Valid customer bodies with unique e-mails, as the web shop sends them.</summary>
internal static class ClientRequests
{
    public static string UniqueEmail(string prefix = "client") => $"{prefix}.{Guid.NewGuid():N}@example.com";

    public static Dictionary<string, object?> Valid(string? email = null, string nom = "Dupont") => new()
    {
        ["nom"] = nom,
        ["prenom"] = "Jean",
        ["email"] = email ?? UniqueEmail(),
        ["telephone"] = "0612345678",
        ["adresse"] = "12 rue du Café, 75001 Paris",
        ["mot_de_passe"] = "motdepasse",
    };
}
