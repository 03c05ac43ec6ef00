using Microsoft.AspNetCore.Identity;
using PayeTonKawa.Clients.Customers;

namespace PayeTonKawa.Tests.Observability;

/// <summary>A bug planted in the Clients API: any route that hashes or checks a password throws.</summary>
internal sealed class ThrowingHasher : IPasswordHasher<Client>
{
    public const string Internals = "Détail interne 7f3a : connexion au coffre refusée";

    public string HashPassword(Client user, string password) => throw new InvalidOperationException(Internals);

    public PasswordVerificationResult VerifyHashedPassword(Client user, string hashedPassword, string providedPassword) =>
        throw new InvalidOperationException(Internals);
}
