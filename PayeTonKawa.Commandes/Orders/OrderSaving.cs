using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.ServiceDefaults.Http;

namespace PayeTonKawa.Commandes.Orders;

internal static class OrderSaving
{
    /// <summary>
    /// Saves the changes made to order <paramref name="id"/>. When another writer (a request, or a consumer setting a
    /// status) changed or deleted it since it was read, answers 409 or 404 instead of overwriting that change or a 500.
    /// </summary>
    public static async Task<ProblemHttpResult?> TrySaveOrderAsync(this CommandesDbContext db, int id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await db.Commandes.AnyAsync(commande => commande.Id == id, cancellationToken)
                ? Problems.Conflict(OrderMessages.ConcurrentChange)
                : Problems.NotFound(OrderMessages.NotFound);
        }
    }
}
