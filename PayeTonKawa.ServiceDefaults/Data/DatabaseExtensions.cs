using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PayeTonKawa.ServiceDefaults.Health;

namespace PayeTonKawa.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>Attempts of one database operation on a transient fault (the first one excluded), and the longest pause between two.</summary>
    public const int MaxRetries = 3;

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the Aspire connection <paramref name="connectionName"/> (pooled,
    /// instrumented, retried), with snake_case tables, the <c>database</c> health check, and migrations applied at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        RequiredConnectionString.Check(builder.Configuration, connectionName);
        builder.AddNpgsqlDbContext<TContext>(
            connectionName,
            settings =>
            {
                settings.DisableHealthChecks = true;
                settings.ConnectionString = WithPreparedStatements(settings.ConnectionString);
            },
            // A retry budget of a few seconds: past it, a request gets a 503 it can retry (UnavailableExceptionHandler)
            // instead of waiting for a minute, and the consumers and the relay wait out the outage in their own loops.
            options => options.UseSnakeCaseNamingConvention()
                .UseNpgsql(npgsql => npgsql.EnableRetryOnFailure(MaxRetries, MaxRetryDelay, errorCodesToAdd: null)));

        builder.Services.AddHealthChecks()
            // Bounded: with the database down, connection retries would otherwise keep the probe waiting for ~30 s.
            .AddDbContextCheck<TContext>(HealthEndpoints.DatabaseCheck, tags: [HealthEndpoints.CriticalTag])
            .Services.Configure<HealthCheckServiceOptions>(options =>
                options.Registrations.First(registration => registration.Name == HealthEndpoints.DatabaseCheck).Timeout = TimeSpan.FromSeconds(3));

        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        return builder;
    }

    /// <summary>Statements each pooled connection keeps prepared, unless the connection string sets its own figure.</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>
    /// EF Core sends the same few statements over and over; without preparation PostgreSQL parsed and planned each one
    /// again (a visible share of its time under the order load). Npgsql prepares a statement once it has been used a
    /// few times on a connection.
    /// </summary>
    public static string? WithPreparedStatements(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        // NpgsqlConnectionStringBuilder knows every keyword; only the string itself tells what its author set.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = MaxAutoPrepare }.ConnectionString;
    }
}
