namespace PayeTonKawa.Messaging;

/// <summary>
/// What every published event carries besides its legacy fields: a unique id (consumers deduplicate on it) and the
/// payload version (bumped when a field changes meaning; fields are only ever added).
/// </summary>
public interface IIntegrationEvent
{
    string Event { get; }

    Guid EventId { get; }

    int Version { get; }

    DateTimeOffset Timestamp { get; }
}
