using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PayeTonKawa.Messaging;

internal sealed class BrokerHealthCheck(BrokerConnection broker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(broker.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded("RabbitMQ injoignable."));
}
