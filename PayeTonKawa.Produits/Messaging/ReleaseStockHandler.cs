using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Produits.Stock;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Produits.Messaging;

/// <summary>
/// Gives back the stock an order held when it ends before shipping: <c>commande.updated</c> to <c>annulee</c> or
/// <c>client_supprime</c>, or <c>commande.deleted</c>. Once the order is shipped (<c>expediee</c>, <c>livree</c>) its
/// reservation is consumed: the goods are gone, so a later deletion of the order or of its customer gives nothing back.
/// Other updates change nothing and are not even read against the database (<see cref="Wants"/>).
/// </summary>
public sealed partial class ReleaseStockHandler(TimeProvider clock, ILogger<ReleaseStockHandler> logger) : PerEventHandler<ProduitsDbContext>
{
    private static readonly string[] EndingStatuses = [CommandeStatuts.Annulee, CommandeStatuts.ClientSupprime];
    private static readonly string[] ShippedStatuses = [CommandeStatuts.Expediee, CommandeStatuts.Livree];

    /// <summary>Most updates (<c>validee</c>, <c>en_preparation</c>) neither end nor ship the order: acknowledged untouched.</summary>
    public override bool Wants(EventEnvelope envelope) =>
        envelope.RoutingKey != IncomingEvents.CommandeUpdated
        || envelope.Read<CommandeChangedMessage>().Statut is { } statut && (EndingStatuses.Contains(statut) || ShippedStatuses.Contains(statut));

    protected override async Task HandleAsync(EventEnvelope envelope, ProduitsDbContext db, CancellationToken cancellationToken)
    {
        var message = envelope.Read<CommandeChangedMessage>();
        var shipped = envelope.RoutingKey == IncomingEvents.CommandeUpdated && ShippedStatuses.Contains(message.Statut);

        var now = clock.GetUtcNow();
        var reservation = await db.Reservations.Include(reservation => reservation.Lignes)
            .FirstOrDefaultAsync(reservation => reservation.CommandeId == message.CommandeId, cancellationToken);
        if (shipped)
        {
            if (reservation is { Statut: Reservation.Reservee })
            {
                reservation.Statut = Reservation.Consommee;
                reservation.DateModification = now;
                LogConsumed(logger, message.CommandeId);
            }

            return;
        }

        if (reservation is null)
        {
            // The order ended before its creation reached us: remember it, so that its reservation never happens.
            db.Reservations.Add(new Reservation { CommandeId = message.CommandeId, Statut = Reservation.Liberee, DateCreation = now });
            return;
        }

        if (reservation.Statut != Reservation.Reservee)
        {
            return;
        }

        var produits = await db.LockAsync([.. reservation.Lignes.Select(ligne => ligne.ProduitId)], cancellationToken);
        foreach (var ligne in reservation.Lignes)
        {
            // A product deleted since keeps nothing to give back to.
            if (produits.Find(produit => produit.Id == ligne.ProduitId) is { } produit)
            {
                produit.Stock += ligne.Quantite;
                produit.DateModification = now;
            }
        }

        reservation.Statut = Reservation.Liberee;
        reservation.DateModification = now;
        LogReleased(logger, message.CommandeId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {CommandeId} shipped: its reservation is consumed")]
    private static partial void LogConsumed(ILogger logger, int commandeId,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stock of order {CommandeId} given back")]
    private static partial void LogReleased(ILogger logger, int commandeId,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
