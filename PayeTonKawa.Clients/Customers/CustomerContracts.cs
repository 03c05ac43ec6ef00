using System.ComponentModel;
using PayeTonKawa.ServiceDefaults.OpenApi;

namespace PayeTonKawa.Clients.Customers;

/// <summary>A new customer.</summary>
[Example("""{"nom":"Dupont","prenom":"Jean","email":"jean.dupont@example.com","telephone":"0612345678","adresse":"12 rue du Café, 75001 Paris","mot_de_passe":"motdepasse"}""")]
public sealed record CreateClientRequest(
    [property: Description("Nom de famille, 2 à 100 caractères.")] string? Nom,
    [property: Description("Prénom, 2 à 100 caractères.")] string? Prenom,
    [property: Description("Adresse e-mail, unique (sans tenir compte de la casse).")] string? Email,
    [property: Description("Mot de passe, 4 à 100 caractères ; jamais renvoyé.")] string? MotDePasse,
    [property: Description("Téléphone français à 10 chiffres, par exemple 0612345678.")] string? Telephone = null,
    [property: Description("Adresse postale, 200 caractères au plus.")] string? Adresse = null);

/// <summary>A partial update: only the fields sent (not null) change.</summary>
[Example("""{"adresse":"1 place du Marché, 69001 Lyon"}""")]
public sealed record UpdateClientRequest(
    [property: Description("Nouveau nom de famille, 2 à 100 caractères.")] string? Nom = null,
    [property: Description("Nouveau prénom, 2 à 100 caractères.")] string? Prenom = null,
    [property: Description("Nouvelle adresse e-mail, unique (sans tenir compte de la casse).")] string? Email = null,
    [property: Description("Nouveau téléphone français à 10 chiffres ; une chaîne vide l'efface.")] string? Telephone = null,
    [property: Description("Nouvelle adresse postale, 200 caractères au plus ; une chaîne vide l'efface.")] string? Adresse = null,
    [property: Description("Nouveau mot de passe, 4 à 100 caractères.")] string? MotDePasse = null);

[Example("""{"email":"jean.dupont@example.com","mot_de_passe":"motdepasse"}""")]
public sealed record LoginRequest(
    [property: Description("Adresse e-mail du client.")] string? Email,
    [property: Description("Mot de passe du client.")] string? MotDePasse);

public sealed record ClientResponse(
    int Id,
    string Nom,
    string Prenom,
    string Email,
    string? Telephone,
    string? Adresse,
    bool Actif,
    DateTimeOffset CreatedAt)
{
    public static ClientResponse From(Client client) => new(
        client.Id, client.Nom, client.Prenom, client.Email, client.Telephone, client.Adresse, client.Actif, client.CreatedAt);
}
