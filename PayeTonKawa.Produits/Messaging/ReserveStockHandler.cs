using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Produits.Products;
using PayeTonKawa.Produits.Stock;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Produits.Messaging;

/// <summary>
/// <c>commande.created</c>: reserves every line of the order or none, in the consumer's transaction with the product
/// rows locked, so the stock never goes negative; answers <c>commande.stock_confirmed</c> or
/// <c>commande.stock_rejected</c> with the reason.
/// </summary>
public sealed partial class ReserveStockHandler(StockAlerts alerts, TimeProvider clock, ILogger<ReserveStockHandler> logger)
    : IEventHandler<ProduitsDbContext>
{
    public async Task HandleAsync(EventEnvelope envelope, ProduitsDbContext db, CancellationToken cancellationToken)
    {
        var message = envelope.Read<CommandeCreatedMessage>();
        if (await db.Reservations.AnyAsync(reservation => reservation.CommandeId == message.CommandeId, cancellationToken))
        {
            return; // Decided already, or released before its creation arrived.
        }

        var now = clock.GetUtcNow();
        var wanted = (message.Data?.Lignes ?? [])
            .GroupBy(ligne => ligne.ProduitId)
            .ToDictionary(group => group.Key, group => group.Sum(ligne => ligne.Quantite));
        var produits = wanted.Count == 0 ? [] : await db.LockAsync([.. wanted.Keys], cancellationToken);

        var motif = wanted.Count == 0 ? "La commande n'a aucune ligne." : Refusal(wanted, produits);
        var reservation = new Reservation { CommandeId = message.CommandeId, DateCreation = now };
        db.Reservations.Add(reservation);
        if (motif is not null)
        {
            reservation.Statut = Reservation.Refusee;
            reservation.Motif = motif;
            db.AddEvent(StockEvents.RejectedKey, StockEvents.Rejected(message.CommandeId, motif, now));
            LogRejected(logger, message.CommandeId, motif);
            return;
        }

        foreach (var produit in produits)
        {
            produit.Stock -= wanted[produit.Id];
            produit.DateModification = now;
            reservation.Lignes.Add(new LigneReservation { ProduitId = produit.Id, Quantite = wanted[produit.Id] });
            alerts.CheckAfterChange(db, produit);
        }

        db.AddEvent(StockEvents.ConfirmedKey, StockEvents.Confirmed(message.CommandeId, now));
        LogReserved(logger, message.CommandeId, wanted.Count);
    }

    private static string? Refusal(Dictionary<int, int> wanted, List<Produit> produits)
    {
        foreach (var (produitId, quantite) in wanted.OrderBy(entry => entry.Key))
        {
            var produit = produits.Find(candidate => candidate.Id == produitId);
            if (produit is null)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Stock reserved for order {CommandeId} ({Count} product(s))")]
    private static partial void LogReserved(ILogger logger, int commandeId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stock refused for order {CommandeId}: {Motif}")]
    private static partial void LogRejected(ILogger logger, int commandeId, string motif);
}
