using Microsoft.Extensions.Configuration;

namespace PayeTonKawa.ServiceDefaults;

/// <summary>Fails the start-up, in French and naming the key, when a connection string the service needs is not configured.</summary>
public static class RequiredConnectionString
{
    public static void Check(IConfiguration configuration, string name)
    {
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(name)))
        {
            throw new InvalidOperationException(
                $"La chaîne de connexion « ConnectionStrings:{name} » est absente ou vide : renseignez-la dans la configuration "
                + $"(variable d'environnement ConnectionStrings__{name}) ; l'AppHost Aspire la fournit lui-même.");
        }
    }
}
