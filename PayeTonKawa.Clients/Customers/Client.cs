namespace PayeTonKawa.Clients.Customers;

/// <summary>A customer of the web shop.</summary>
public sealed class Client
{
    public int Id { get; set; }

    public required string Nom { get; set; }

    public required string Prenom { get; set; }

    /// <summary>Unique, compared without regard to case (PostgreSQL <c>citext</c>).</summary>
    public required string Email { get; set; }

    public string? Telephone { get; set; }

    public string? Adresse { get; set; }

    /// <summary>Salted PBKDF2 hash (ASP.NET Core Identity format); the password itself is never stored.</summary>
    public required string MotDePasseHash { get; set; }

    public bool Actif { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}
