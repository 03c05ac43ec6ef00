using System.Text.Json;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Tests.Support;

/// <summary>
/// A <c>commande.created</c> as Commandes publishes it, for a new order of random id: published raw on Produits' queue,
/// or handed to a consumer as the envelope it would receive.
/// </summary>
public sealed record RawCommandeCreated(object Body, Guid EventId)
{
    public static RawCommandeCreated For(params (int Produit, int Quantite)[] lignes)
    {
        var eventId = Guid.NewGuid();
        var body = new
        {
            @event = "commande_created",
            event_id = eventId,
            version = 1,
            commande_id = Random.Shared.Next(500_000_000, int.MaxValue),
            data = new
            {
                client_id = 1,
                total = lignes.Sum(ligne => 10 * ligne.Quantite),
                statut = "en_attente",
                lignes = lignes.Select(ligne => new { produit_id = ligne.Produit, quantite = ligne.Quantite, prix_unitaire = 10 }).ToArray(),
            },
            timestamp = DateTimeOffset.UtcNow,
        };
        return new RawCommandeCreated(body, eventId);
    }

    public EventEnvelope Envelope() => new(EventId, "commande.created", JsonSerializer.SerializeToElement(Body), RequestId: null);
}
