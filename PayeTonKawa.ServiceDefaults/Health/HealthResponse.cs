using System.ComponentModel;

namespace PayeTonKawa.ServiceDefaults.Health;

/// <summary>
/// The legacy <c>/health</c> body, kept field for field for the existing probes, plus the broker state and the number of
/// events waiting in the outbox (null for a service without messaging).
/// </summary>
public sealed record HealthResponse(
    [property: Description("healthy quand la base de données répond (200), unhealthy sinon (503).")] string Status,
    [property: Description("Nom historique du service : api-clients, api-produits ou api-commandes.")] string Service,
    [property: Description("connected ou disconnected.")] string Database,
    [property: Description("Heure de la vérification.")] DateTimeOffset Timestamp,
    [property: Description("Version du service.")] string Version)
{
    [Description("connected ou disconnected ; n'affecte pas le code de réponse.")]
    public string? Rabbitmq { get; init; }

    [Description("Nombre d'événements enregistrés qui attendent d'être publiés sur RabbitMQ.")]
    public long? OutboxEnAttente { get; init; }
}
