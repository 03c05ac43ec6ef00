using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayeTonKawa.Clients.Data;

namespace PayeTonKawa.Clients.Customers;

/// <summary>
/// Counts the login attempts of each e-mail, known or not (no account enumeration): once more than
/// <see cref="LoginProtectionOptions.MaxFailures"/> have been made within the window without a success, the e-mail is
/// refused until the window ends, whatever the password.
/// </summary>
public sealed class LoginThrottle(ClientsDbContext db, IOptions<LoginProtectionOptions> options, TimeProvider clock)
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// Counts one attempt for <paramref name="email"/> (normalised) and tells how long to wait when it is refused.
    /// The attempt is counted before the password is checked, in one statement: concurrent guesses, on any instance,
    /// cannot slip past the limit.
    /// </summary>
    public async Task<TimeSpan?> CountAttemptAsync(string email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var expired = now - settings.Window;
        var blockedSince = await db.Database.SqlQuery<DateTimeOffset?>($"""
            INSERT INTO login_attempts (email_hash, attempts, window_start) VALUES ({Hash(email)}, 1, {now})
            ON CONFLICT (email_hash) DO UPDATE SET
                attempts = CASE WHEN login_attempts.window_start <= {expired} THEN 1 ELSE login_attempts.attempts + 1 END,
                window_start = CASE WHEN login_attempts.window_start <= {expired} THEN {now} ELSE login_attempts.window_start END
            RETURNING CASE WHEN attempts > {settings.MaxFailures} THEN window_start END AS "Value"
            """).ToListAsync(cancellationToken);

        return blockedSince is [{ } windowStart] ? windowStart + settings.Window - now : null;
    }

    /// <summary>A success starts the e-mail afresh.</summary>
    public Task ResetAsync(string email, CancellationToken cancellationToken)
    {
        var hash = Hash(email);
        return db.LoginAttempts.Where(attempts => attempts.EmailHash == hash).ExecuteDeleteAsync(cancellationToken);
    }

    private static string Hash(string email) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email)));
}
