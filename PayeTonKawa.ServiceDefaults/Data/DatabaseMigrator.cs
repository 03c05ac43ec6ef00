using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PayeTonKawa.ServiceDefaults.Data;

/// <summary>
/// Applies pending migrations before the server starts listening (hosted services start first), so no request ever
/// meets an old schema. Instances starting together (replicas, a rolling update) take turns: the first creates the
/// database if the server has none, then each migrates under a PostgreSQL advisory lock, so that the others find the
/// schema up to date. EF Core's own migration lock did not keep two instances from running the same migration here.
/// </summary>
public sealed partial class DatabaseMigrator<TContext>(IServiceProvider services, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService
    where TContext : DbContext
{
    // Advisory locks are scoped to one database: this key only ever competes with other instances of the same service.
    private const long MigrationLock = 0x5054_4B5F_4D49_4752; // "PTK_MIGR"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        // A context of its own, not one of the pool, working on a connection of its own, outside the service's data
        // source: that data source then connects for the first time once the schema and its types (citext) exist.
        // Npgsql learns a database's types on its first connection, and a multi-host data source (a failover pair)
        // does not learn them again (npgsql/npgsql#6237). The password is kept once open: EF Core derives the server's
        // maintenance connection from it.
        await using var context = ActivatorUtilities.CreateInstance<TContext>(
            scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<DbContextOptions<TContext>>());
        await using var migrationConnection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(context.Database.GetConnectionString()) { Pooling = false, PersistSecurityInfo = true }.ConnectionString);
        context.Database.SetDbConnection(migrationConnection, contextOwnsConnection: false);
        await MigrateAsync(context, cancellationToken);
        LogMigrated(logger, typeof(TContext).Name);
    }

    private async Task MigrateAsync(TContext context, CancellationToken cancellationToken)
    {
        var strategy = context.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(token => CreateDatabaseIfMissingAsync(context, token), cancellationToken);

        // Not pooled: a session lock on a pooled connection would outlive this method.
        var lockConnectionString = new NpgsqlConnectionStringBuilder(context.Database.GetConnectionString()) { Pooling = false }.ConnectionString;
        await using var lockConnection = new NpgsqlConnection(lockConnectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await AdvisoryLockAsync(lockConnection, cancellationToken);
        try
        {
            // The history table first: EF Core reads it before creating it, and that failed query was logged as an
            // error on every first start, a red badge on a healthy service.
            await strategy.ExecuteAsync(token => context.GetService<IHistoryRepository>().CreateIfNotExistsAsync(token), cancellationToken);
            await strategy.ExecuteAsync(token => context.Database.MigrateAsync(token), cancellationToken);
        }
        finally
        {
            await AdvisoryUnlockAsync(lockConnection);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CreateDatabaseIfMissingAsync(TContext context, CancellationToken cancellationToken)
    {
        var creator = context.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            LogCreatedByAnotherInstance(logger, typeof(TContext).Name);
        }
    }

    private static async Task AdvisoryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", MigrationLock);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task AdvisoryUnlockAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
        command.Parameters.AddWithValue("key", MigrationLock);
        await command.ExecuteNonQueryAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database of {Context} created meanwhile by another instance")]
    private static partial void LogCreatedByAnotherInstance(ILogger logger, string context,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema of {Context} is up to date")]
    private static partial void LogMigrated(ILogger logger, string context,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
