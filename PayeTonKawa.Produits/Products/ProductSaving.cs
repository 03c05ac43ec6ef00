using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.ServiceDefaults.Http;

namespace PayeTonKawa.Produits.Products;

internal static class ProductSaving
{
    /// <summary>
    /// Saves the changes made to product <paramref name="id"/>. When another request changed or deleted it since it was
    /// read (its version moved, its row vanished, its image was inserted first), answers 409 or 404 instead of a 500.
    /// </summary>
    public static async Task<ProblemHttpResult?> TrySaveProductAsync(this ProduitsDbContext db, int id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException exception) when (IsConcurrentChange(exception))
        {
            db.ChangeTracker.Clear();
            return await db.Produits.AnyAsync(produit => produit.Id == id, cancellationToken)
                ? Problems.Conflict(ProductMessages.ConcurrentChange)
                : Problems.NotFound(ProductMessages.NotFound);
        }
    }

    private static bool IsConcurrentChange(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException
        || exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation };
}
