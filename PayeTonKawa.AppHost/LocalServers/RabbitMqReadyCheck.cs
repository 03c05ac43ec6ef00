using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace PayeTonKawa.AppHost.LocalServers;

/// <summary>Healthy once the local RabbitMQ node accepts an authenticated AMQP connection.</summary>
internal sealed class RabbitMqReadyCheck(Uri uri) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = uri, RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is BrokerUnreachableException or IOException)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }
}
