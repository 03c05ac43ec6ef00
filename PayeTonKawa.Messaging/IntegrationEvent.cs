namespace PayeTonKawa.Messaging;

/// <summary>
/// What every published event carries besides its legacy fields: a unique id (consumers deduplicate on it) and the
/// payload version (bumped when a field changes meaning; fields are only ever added).
/// </summary>
public static class IntegrationEvents
{
    /// <summary>The legacy <c>event</c> field of an event: its routing key with <c>_</c> for <c>.</c> (<c>client_deleted</c>).</summary>
    public static string NameOf(string routingKey) => routingKey.Replace('.', '_');
}

public interface IIntegrationEvent
{
    string Event { get; }

    Guid EventId { get; }

    int Version { get; }

    DateTimeOffset Timestamp { get; }
}
