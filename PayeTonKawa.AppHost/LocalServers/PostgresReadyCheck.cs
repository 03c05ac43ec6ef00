using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace PayeTonKawa.AppHost.LocalServers;

/// <summary>Healthy once the local PostgreSQL server accepts an authenticated connection.</summary>
internal sealed class PostgresReadyCheck(string connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }
}
