using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Commandes.Messaging;

/// <summary>
/// Produits' answer to <c>commande.created</c>: <c>commande.stock_confirmed</c> validates the order,
/// <c>commande.stock_rejected</c> cancels it with the reason. Only an order still <c>en_attente</c> changes: one
/// cancelled or deleted meanwhile stays as it is (Produits gives the stock back when it learns of it). The orders of a
/// whole batch of answers are read with one query and written by the consumer's single save.
/// </summary>
public sealed partial class StockAnswerHandler(TimeProvider clock, ILogger<StockAnswerHandler> logger) : IEventHandler<CommandesDbContext>
{
    public async Task HandleAsync(IReadOnlyList<EventEnvelope> events, CommandesDbContext db, CancellationToken cancellationToken)
    {
        var answers = events.Select(envelope => (Envelope: envelope, Answer: envelope.Read<StockAnswerMessage>())).ToList();
        var ids = answers.Select(answer => answer.Answer.CommandeId).Distinct().ToArray();
        var commandes = await db.Commandes.Where(commande => ids.Contains(commande.Id)).ToDictionaryAsync(commande => commande.Id, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var (envelope, answer) in answers)
        {
            var commande = commandes.GetValueOrDefault(answer.CommandeId);
            if (commande is not { Statut: Statuts.EnAttente })
            {
                LogIgnored(logger, answer.CommandeId, commande?.Statut ?? "supprimée");
                continue;
            }

            if (envelope.RoutingKey == IncomingEvents.StockConfirmed)
            {
                db.ChangeStatus(commande, Statuts.Validee, now, cause: envelope);
            }
            else
            {
                db.ChangeStatus(commande, Statuts.Annulee, now, answer.Motif ?? "Stock indisponible.", envelope);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stock answer for order {CommandeId} ignored: the order is {Statut}")]
    private static partial void LogIgnored(ILogger logger, int commandeId, string statut,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
