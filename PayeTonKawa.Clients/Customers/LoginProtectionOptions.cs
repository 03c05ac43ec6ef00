namespace PayeTonKawa.Clients.Customers;

/// <summary>Password-guessing protection of <c>POST /customers/login</c> (configuration section <c>LoginProtection</c>).</summary>
public sealed class LoginProtectionOptions
{
    public const string SectionName = "LoginProtection";

    /// <summary>Wrong passwords accepted for one e-mail within <see cref="Window"/>; the next attempts are refused with 429.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>Starts with the first attempt; once it has ended, the e-mail starts afresh.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the counters whose window has ended are deleted (see <see cref="LoginAttemptsPurge"/>).</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);
}
