namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>The French messages shared by every service (the contract's wording where it gives one).</summary>
public static class Messages
{
    public const string ApiKeyMissing = "API Key manquante";
    public const string ApiKeyInvalid = "API Key invalide";
    public const string ValidationFailed = "Les données envoyées sont invalides.";
    public const string InvalidJson = "Le corps de la requête n'est pas un JSON valide pour cette opération.";
    public const string InvalidJsonField = "Valeur invalide pour ce champ.";
    public const string MissingBody = "Le corps de la requête est obligatoire.";
    public const string InvalidParameter = "Paramètre invalide.";
    public const string InvalidValue = "Une valeur envoyée n'est pas acceptée par la base de données.";
    public const string UnsupportedMediaType = "Type de contenu non pris en charge.";
    public const string BodyTooLarge = "Le corps de la requête est trop volumineux.";
    public const string NotFound = "Ressource introuvable.";
    public const string MethodNotAllowed = "Méthode non autorisée pour cette ressource.";
    public const string TooManyRequests = "Trop de requêtes : réessayez après le délai indiqué par l'en-tête Retry-After.";
    public const string InternalError = "Une erreur interne est survenue.";
    public const string Unavailable =
        "Service momentanément indisponible : sa base de données ne répond pas. Rien n'a été enregistré ; réessayez après le délai indiqué par l'en-tête Retry-After.";

    public static string? TitleOf(int? status) => status switch
    {
        400 => "Requête invalide",
        401 => "Authentification requise",
        403 => "Accès refusé",
        404 => "Introuvable",
        405 => "Méthode non autorisée",
        409 => "Conflit",
        413 => "Requête trop volumineuse",
        415 => "Type de contenu non pris en charge",
        422 => "Données invalides",
        429 => "Trop de requêtes",
        500 => "Erreur interne",
        503 => "Service indisponible",
        _ => null,
    };

    public static string ApiKeyNotAllowed(string? keyName) =>
        $"La clé API « {keyName} » n'a pas la permission d'effectuer cette opération.";

    public static string InvalidParameterValue(string name, string value) =>
        $"La valeur « {value} » n'est pas valide pour le paramètre « {name} ».";

    public static string MissingParameter(string name) => $"Le paramètre « {name} » est obligatoire.";
}
