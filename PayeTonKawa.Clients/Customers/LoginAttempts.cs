namespace PayeTonKawa.Clients.Customers;

/// <summary>
/// The login attempts made for one e-mail since its window started (see <see cref="LoginThrottle"/>). Kept in the
/// database so that every instance of the API counts the same attempts. The e-mail is stored hashed: attempts are made
/// for unknown addresses too, which have no business being kept in clear.
/// </summary>
public sealed class LoginAttempts
{
    public required string EmailHash { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset WindowStart { get; set; }
}
