using System.ComponentModel;

namespace PayeTonKawa.Clients.Customers;

/// <summary>A new customer.</summary>
public sealed record CreateClientRequest(
    [property: Description("Nom de famille, 2 à 100 caractères.")] string? Nom,
    [property: Description("Prénom, 2 à 100 caractères.")] string? Prenom,
    [property: Description("Adresse e-mail, unique (sans tenir compte de la casse).")] string? Email,
    [property: Description("Mot de passe, 4 à 100 caractères ; jamais renvoyé.")] string? MotDePasse,
    [property: Description("Téléphone français à 10 chiffres, par exemple 0612345678.")] string? Telephone = null,
    [property: Description("Adresse postale, 200 caractères au plus.")] string? Adresse = null);

/// <summary>A partial update: only the fields sent (not null) change.</summary>
public sealed record UpdateClientRequest(
    string? Nom = null,
    string? Prenom = null,
    string? Email = null,
    string? Telephone = null,
    string? Adresse = null,
    string? MotDePasse = null);

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
