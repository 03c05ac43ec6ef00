using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.ServiceDefaults.Hosting;

namespace PayeTonKawa.Clients.Customers;

/// <summary>
/// Deletes, every <see cref="LoginProtectionOptions.PurgeInterval"/>, the login counters whose window has ended: they
/// no longer refuse anything (the next attempt would start afresh), and without this every e-mail ever tried, real or
/// invented by a guesser, would stay in the table.
/// </summary>
public sealed partial class LoginAttemptsPurge(
    IServiceScopeFactory scopes,
    IOptions<LoginProtectionOptions> options,
    TimeProvider clock,
    ILogger<LoginAttemptsPurge> logger) : PeriodicWork(logger, LogLevel.Warning)
{
    /// <summary>Deletes the ended counters; returns how many.</summary>
    public async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var ended = clock.GetUtcNow() - options.Value.Window;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
        return await db.LoginAttempts.Where(attempts => attempts.WindowStart <= ended).ExecuteDeleteAsync(cancellationToken);
    }

    protected override TimeSpan Interval => options.Value.PurgeInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken) =>
        LogPurged(Logger, await PurgeOnceAsync(cancellationToken));

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Count} ended login counter(s) purged")]
    private static partial void LogPurged(ILogger logger, int count,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
