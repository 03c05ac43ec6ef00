namespace PayeTonKawa.Clients.Customers;

internal static class CustomerMessages
{
    public const string NotFound = "Client non trouvé";
    public const string DuplicateEmail = "Email déjà utilisé";
    public const string BadCredentials = "Email ou mot de passe incorrect";
    public const string TooManyLoginAttempts =
        "Trop de tentatives de connexion pour cet e-mail : réessayez après le délai indiqué par l'en-tête Retry-After.";
    public const string InvalidEmail = "L'adresse e-mail n'est pas valide.";
    public const string InvalidPhone = "Le téléphone doit comporter 10 chiffres et commencer par 0 (par exemple 0612345678).";
}
