using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Commandes.Orders;

namespace PayeTonKawa.Commandes.Coherence;

/// <summary>
/// Walks the orders and Produits' reservations side by side in commande id order, a batch at a time on each side
/// (keyset paging, so that neither side is ever loaded whole), and judges each order with its reservation.
/// </summary>
public sealed class StockCoherenceCheck(CommandesDbContext db, ProduitsReservationsClient produits, TimeProvider clock)
{
    public const int BatchSize = 200;
    public const int MaxListedDrifts = 500;

    public async Task<StockCoherenceReport> RunAsync(TimeSpan stability, IHeaderDictionary callerHeaders, CancellationToken cancellationToken)
    {
        var stableBefore = clock.GetUtcNow() - stability;
        int ordersChecked = 0, reservationsChecked = 0, inProgress = 0, driftCount = 0;
        var drifts = new List<StockEcart>();

        await using var commandes = CommandesAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var reservations = ReservationsAsync(callerHeaders, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var hasCommande = await commandes.MoveNextAsync();
        var hasReservation = await reservations.MoveNextAsync();
        while (hasCommande || hasReservation)
        {
            var id = hasCommande && (!hasReservation || commandes.Current.Id <= reservations.Current.CommandeId)
                ? commandes.Current.Id
                : reservations.Current.CommandeId;
            var commande = hasCommande && commandes.Current.Id == id ? commandes.Current : null;
            var reservation = hasReservation && reservations.Current.CommandeId == id ? reservations.Current : null;

            var judgement = StockExpectation.Judge(commande, reservation, stableBefore);
            if (judgement.Verdict == Verdict.InProgress)
            {
                inProgress++;
            }
            else if (judgement.Verdict == Verdict.Drift && ++driftCount <= MaxListedDrifts)
            {
                drifts.Add(new StockEcart(id, commande?.Statut, reservation?.Statut, judgement.Expected!, judgement.Detail!));
            }

            if (commande is not null)
            {
                ordersChecked++;
                hasCommande = await commandes.MoveNextAsync();
            }

            if (reservation is not null)
            {
                reservationsChecked++;
                hasReservation = await reservations.MoveNextAsync();
            }
        }

        return new StockCoherenceReport(ordersChecked, reservationsChecked, inProgress, driftCount, drifts);
    }

    private async IAsyncEnumerable<Commande> CommandesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0;
        while (true)
        {
            var batch = await db.Commandes.AsNoTracking()
                .Where(commande => commande.Id > after)
                .OrderBy(commande => commande.Id)
                .Take(BatchSize)
                .Include(commande => commande.Lignes)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            foreach (var commande in batch)
            {
                yield return commande;
            }

            if (batch.Count < BatchSize)
            {
                yield break;
            }

            after = batch[^1].Id;
        }
    }

    private async IAsyncEnumerable<ProduitsReservation> ReservationsAsync(
        IHeaderDictionary callerHeaders, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0;
        while (true)
        {
            var batch = await produits.PageAsync(after, BatchSize, callerHeaders, cancellationToken);
            foreach (var reservation in batch)
            {
                yield return reservation;
            }

            if (batch.Count < BatchSize)
            {
                yield break;
            }

            after = batch[^1].CommandeId;
        }
    }
}
