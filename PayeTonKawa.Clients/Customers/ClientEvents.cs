using PayeTonKawa.Messaging;

namespace PayeTonKawa.Clients.Customers;

/// <summary>The legacy customer fields copied into <c>client.created</c> and <c>client.updated</c>.</summary>
public sealed record ClientEventData(string Nom, string Email, string? Adresse, string? Telephone);

/// <summary><c>client.created</c> / <c>client.updated</c>.</summary>
public sealed record ClientChanged(string Event, int ClientId, ClientEventData Data, Guid EventId, DateTimeOffset Timestamp)
    : IIntegrationEvent
{
    public int Version => 1;
}

/// <summary><c>client.deleted</c>: Commandes marks the customer's orders <c>client_supprime</c>.</summary>
public sealed record ClientDeleted(int ClientId, Guid EventId, DateTimeOffset Timestamp) : IIntegrationEvent
{
    public string Event => "client_deleted";

    public int Version => 1;
}

public static class ClientEvents
{
    public const string Created = "client.created";
    public const string Updated = "client.updated";
    public const string Deleted = "client.deleted";

    public static ClientChanged Changed(string routingKey, Client client, DateTimeOffset now) => new(
        routingKey.Replace('.', '_'),
        client.Id,
        new ClientEventData(client.Nom, client.Email, client.Adresse, client.Telephone),
        Guid.CreateVersion7(now),
        now);

    public static ClientDeleted Removed(Client client, DateTimeOffset now) => new(client.Id, Guid.CreateVersion7(now), now);
}
