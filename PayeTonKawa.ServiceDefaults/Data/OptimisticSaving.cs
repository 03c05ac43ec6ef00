using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PayeTonKawa.ServiceDefaults.Http;

namespace PayeTonKawa.ServiceDefaults.Data;

public static class OptimisticSaving
{
    /// <summary>
    /// The one way the services save a change that another writer may contradict. Saves the changes made to the
    /// <typeparamref name="TEntity"/> <paramref name="id"/> (null for a new one). When another writer (a request, or a
    /// consumer) got there first — its version moved, its row vanished, a unique value or a dependent row was written
    /// first — answers 409 <paramref name="conflict"/>, or 404 <paramref name="notFound"/> when the row is gone, instead
    /// of overwriting that change or failing with a 500.
    /// </summary>
    public static async Task<ProblemHttpResult?> TrySaveAsync<TEntity>(
        this DbContext db, int? id, string conflict, string notFound, CancellationToken cancellationToken)
        where TEntity : class
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException exception) when (IsConcurrentChange(exception))
        {
            db.ChangeTracker.Clear();
            return id is null || await db.Set<TEntity>().AnyAsync(entity => EF.Property<int>(entity, "Id") == id, cancellationToken)
                ? Problems.Conflict(conflict)
                : Problems.NotFound(notFound);
        }
    }

    private static bool IsConcurrentChange(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException
        || exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation };
}
