using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Produits.Products;
using PayeTonKawa.Produits.Stock;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Produits.Messaging;

/// <summary>
/// <c>commande.created</c>: reserves every line of the order or none, in the consumer's transaction with the product
/// rows locked, so the stock never goes negative; answers <c>commande.stock_confirmed</c> or
/// <c>commande.stock_rejected</c> with the reason. A batch of orders costs the same few round trips as one: the
/// orders already decided are read at once, the products of the whole batch are locked at once (in id order), then
/// the orders are decided one after the other in memory, in their order of delivery, and everything is written by
/// the consumer's single save.
/// </summary>
public sealed partial class ReserveStockHandler(StockAlerts alerts, TimeProvider clock, ILogger<ReserveStockHandler> logger)
    : IEventHandler<ProduitsDbContext>
{
    public async Task HandleAsync(IReadOnlyList<EventEnvelope> events, ProduitsDbContext db, CancellationToken cancellationToken)
    {
        var orders = events.Select(envelope => (Envelope: envelope, Message: envelope.Read<CommandeCreatedMessage>())).ToList();
        var commandeIds = orders.Select(order => order.Message.CommandeId).Distinct().ToArray();
        // Decided already, or released before its creation arrived: nothing more to do for those.
        var decided = (await db.Reservations.Where(reservation => commandeIds.Contains(reservation.CommandeId))
            .Select(reservation => reservation.CommandeId).ToListAsync(cancellationToken)).ToHashSet();
        var pending = orders.Where(order => decided.Add(order.Message.CommandeId))
            .Select(order => (order.Envelope, order.Message.CommandeId, Wanted: Wanted(order.Message)))
            .ToList();
        if (pending.Count == 0)
        {
            return;
        }

        int[] produitIds = [.. pending.SelectMany(order => order.Wanted.Keys).Distinct().Order()];
        var produits = produitIds.Length == 0 ? [] : (await db.LockAsync(produitIds, cancellationToken)).ToDictionary(produit => produit.Id);
        var now = clock.GetUtcNow();
        var reserved = new List<int>(pending.Count);
        foreach (var (envelope, commandeId, wanted) in pending)
        {
            var reservation = new Reservation { CommandeId = commandeId, DateCreation = now };
            db.Reservations.Add(reservation);
            var motif = wanted.Count == 0 ? "La commande n'a aucune ligne." : Refusal(wanted, produits);
            if (motif is not null)
            {
                reservation.Statut = Reservation.Refusee;
                reservation.Motif = motif;
                db.AddEvent(StockEvents.RejectedKey, StockEvents.Rejected(commandeId, motif, now), envelope);
                LogRejected(logger, commandeId, motif);
                continue;
            }

            foreach (var (produitId, quantite) in wanted)
            {
                var produit = produits[produitId];
                produit.Stock -= quantite;
                produit.DateModification = now;
                reservation.Lignes.Add(new LigneReservation { ProduitId = produitId, Quantite = quantite });
                alerts.CheckAfterChange(db, produit, envelope);
            }

            db.AddEvent(StockEvents.ConfirmedKey, StockEvents.Confirmed(commandeId, now), envelope);
            reserved.Add(commandeId);
        }

        if (reserved.Count > 0)
        {
            LogReserved(logger, reserved.Count, string.Join(',', reserved));
        }
    }

    private static Dictionary<int, int> Wanted(CommandeCreatedMessage message) =>
        (message.Data?.Lignes ?? [])
            .GroupBy(ligne => ligne.ProduitId)
            .ToDictionary(group => group.Key, group => group.Sum(ligne => ligne.Quantite));

    private static string? Refusal(Dictionary<int, int> wanted, Dictionary<int, Produit> produits)
    {
        foreach (var (produitId, quantite) in wanted.OrderBy(entry => entry.Key))
        {
            if (!produits.TryGetValue(produitId, out var produit))
            {
                return $"Le produit {produitId} n'existe pas.";
            }

            if (!produit.Actif)
            {
                return $"Le produit « {produit.Nom} » n'est plus en vente.";
            }

            if (produit.Stock < quantite)
            {
                return $"Stock insuffisant pour « {produit.Nom} » : {quantite} demandé(s), {produit.Stock} disponible(s).";
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stock reserved for {Count} order(s): {CommandeIds}")]
    private static partial void LogReserved(ILogger logger, int count, string commandeIds,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stock refused for order {CommandeId}: {Motif}")]
    private static partial void LogRejected(ILogger logger, int commandeId, string motif,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
