using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PayeTonKawa.ServiceDefaults.Health;

public static class HealthEndpoints
{
    /// <summary>Tag of the checks whose failure makes the service unhealthy (503).</summary>
    public const string CriticalTag = "critical";

    /// <summary>Name of the database check, reported as <c>database</c> in the legacy body.</summary>
    public const string DatabaseCheck = "database";

    /// <summary>Name of the broker check, reported as <c>rabbitmq</c>; it never makes the service unhealthy.</summary>
    public const string RabbitMqCheck = "rabbitmq";

    /// <summary>Name of the outbox check, whose <c>pending</c> data is reported as <c>outbox_en_attente</c>.</summary>
    public const string OutboxCheck = "outbox";

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/health", GetHealthAsync)
            .WithTags("Supervision")
            .WithSummary("État du service")
            .WithDescription("200 quand la base de données répond, 503 sinon. Corps compatible avec l'ancienne API.")
            .Produces<HealthResponse>()
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);

        // Liveness: the process answers; no dependency is checked so that a database outage never restarts it.
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = _ => false })
            .WithTags("Supervision")
            .WithSummary("Sonde de vivacité");

        return app;
    }

    private static async Task<JsonHttpResult<HealthResponse>> GetHealthAsync(
        HealthCheckService healthChecks, ServiceIdentity identity, TimeProvider clock, CancellationToken cancellationToken)
    {
        var report = await healthChecks.CheckHealthAsync(cancellationToken);
        var healthy = report.Entries
            .Where(entry => entry.Value.Tags.Contains(CriticalTag))
            .All(entry => entry.Value.Status != HealthStatus.Unhealthy);

        var response = new HealthResponse(
            Status: healthy ? "healthy" : "unhealthy",
            Service: identity.Name,
            Database: StateOf(report, DatabaseCheck),
            Timestamp: clock.GetUtcNow(),
            Version: identity.Version)
        {
            Rabbitmq = report.Entries.ContainsKey(RabbitMqCheck) ? StateOf(report, RabbitMqCheck, HealthStatus.Healthy) : null,
            OutboxEnAttente = report.Entries.TryGetValue(OutboxCheck, out var outbox) && outbox.Data.TryGetValue("pending", out var pending)
                ? Convert.ToInt64(pending, System.Globalization.CultureInfo.InvariantCulture)
                : null,
        };

        return TypedResults.Json(response, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static string StateOf(HealthReport report, string check, HealthStatus connected = HealthStatus.Degraded) =>
        report.Entries.TryGetValue(check, out var entry) && entry.Status >= connected
            ? "connected"
            : "disconnected";
}
