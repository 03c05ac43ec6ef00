using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using PayeTonKawa.ServiceDefaults.Health;

namespace PayeTonKawa.ServiceDefaults.Data;

public static class DatabaseExtensions
{
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
            settings => settings.DisableHealthChecks = true,
            options => options.UseSnakeCaseNamingConvention());

        builder.Services.AddHealthChecks()
            // Bounded: with the database down, connection retries would otherwise keep the probe waiting for ~30 s.
            .AddDbContextCheck<TContext>(HealthEndpoints.DatabaseCheck, tags: [HealthEndpoints.CriticalTag])
            .Services.Configure<HealthCheckServiceOptions>(options =>
                options.Registrations.First(registration => registration.Name == HealthEndpoints.DatabaseCheck).Timeout = TimeSpan.FromSeconds(3));

        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        return builder;
    }
}
