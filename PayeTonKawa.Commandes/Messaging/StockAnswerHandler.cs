using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Commandes.Messaging;

/// <summary>
/// Produits' answer to <c>commande.created</c>: <c>commande.stock_confirmed</c> validates the order,
/// <c>commande.stock_rejected</c> cancels it with the reason. Only an order still <c>en_attente</c> changes: one
/// cancelled or deleted meanwhile stays as it is (Produits gives the stock back when it learns of it).
/// </summary>
public sealed partial class StockAnswerHandler(TimeProvider clock, ILogger<StockAnswerHandler> logger) : IEventHandler<CommandesDbContext>
{
    public async Task HandleAsync(EventEnvelope envelope, CommandesDbContext db, CancellationToken cancellationToken)
    {
        var answer = envelope.Read<StockAnswerMessage>();
        var commande = await db.Commandes.FirstOrDefaultAsync(commande => commande.Id == answer.CommandeId, cancellationToken);
        if (commande is not { Statut: Statuts.EnAttente })
        {
            LogIgnored(logger, answer.CommandeId, commande?.Statut ?? "supprimée");
            return;
        }

        var now = clock.GetUtcNow();
        var confirmed = envelope.RoutingKey == IncomingEvents.StockConfirmed;
        commande.Statut = confirmed ? Statuts.Validee : Statuts.Annulee;
        commande.Motif = confirmed ? null : answer.Motif ?? "Stock indisponible.";
        commande.DateModification = now;
        db.AddEvent(CommandeEvents.UpdatedKey, CommandeEvents.Updated(commande, now));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stock answer for order {CommandeId} ignored: the order is {Statut}")]
    private static partial void LogIgnored(ILogger logger, int commandeId, string statut);
}
