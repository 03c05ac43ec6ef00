using PayeTonKawa.Messaging;

using PayeTonKawa.Clients.Customers;

namespace PayeTonKawa.Clients.Messaging;

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
    public string Event => IntegrationEvents.NameOf(ClientEvents.DeletedKey);

    public int Version => 1;
}

public static class ClientEvents
{
    public const string CreatedKey = "client.created";
    public const string UpdatedKey = "client.updated";
    public const string DeletedKey = "client.deleted";

    public static ClientChanged Created(Client client, DateTimeOffset now) => Changed(CreatedKey, client, now);

    public static ClientChanged Updated(Client client, DateTimeOffset now) => Changed(UpdatedKey, client, now);

    public static ClientDeleted Deleted(Client client, DateTimeOffset now) => new(client.Id, Guid.CreateVersion7(now), now);

    private static ClientChanged Changed(string routingKey, Client client, DateTimeOffset now) => new(
        IntegrationEvents.NameOf(routingKey),
        client.Id,
        new ClientEventData(client.Nom, client.Email, client.Adresse, client.Telephone),
        Guid.CreateVersion7(now),
        now);
}
