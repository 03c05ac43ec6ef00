using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Produits.Products;

namespace PayeTonKawa.Produits.Stock;

internal static class ProductLocks
{
    /// <summary>
    /// Loads the products and locks their rows until the transaction ends, always in id order so that two orders for
    /// the same products cannot deadlock: concurrent reservations for the last units queue here instead of overselling.
    /// </summary>
    public static Task<List<Produit>> LockAsync(this ProduitsDbContext db, int[] ids, CancellationToken cancellationToken) =>
        db.Produits
            .FromSqlInterpolated($"SELECT *, xmin FROM produits WHERE id = ANY({ids}) ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
}
