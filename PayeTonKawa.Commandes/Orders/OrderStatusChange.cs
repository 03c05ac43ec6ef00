using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Commandes.Messaging;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Commandes.Orders;

/// <summary>
/// The one way an order's status changes, whoever changes it (a caller of the API, Produits' answer about the stock,
/// the deletion of the customer): the status, its reason and the date move together, and <c>commande.updated</c> is
/// recorded in the same save. The caller checks the transition against <see cref="Statuts"/> first.
/// </summary>
public static class OrderStatusChange
{
    /// <summary>
    /// Moves <paramref name="commande"/> to <paramref name="statut"/> with <paramref name="motif"/> (why the system
    /// cancelled it, in French; null for any other change) and records <c>commande.updated</c>, caused by the consumed
    /// event <paramref name="cause"/> when there is one, so that the new event continues its trace.
    /// </summary>
    public static void ChangeStatus(this CommandesDbContext db, Commande commande, string statut, DateTimeOffset now,
        string? motif = null, EventEnvelope? cause = null)
    {
        commande.Statut = statut;
        commande.Motif = motif;
        commande.DateModification = now;
        db.AddEvent(CommandeEvents.UpdatedKey, CommandeEvents.Updated(commande, commande.DateModification.Value), cause);
    }
}
