using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using PayeTonKawa.Produits.Products;

namespace PayeTonKawa.Tests.Produits;

/// <summary>
/// Plays another request that writes to the database between the moment the API read a product and the moment it
/// saves: on the next save that changes product <see cref="ProduitId"/>, runs <see cref="Sql"/> (with <c>@id</c>, the
/// product's id) on a connection of its own. Other saves (the outbox relay's, for one) are left alone.
/// </summary>
internal sealed class ConcurrentWriter : SaveChangesInterceptor
{
    public const string ChangeStock = "UPDATE produits SET stock = stock + 1 WHERE id = @id";
    public const string Delete = "DELETE FROM produits WHERE id = @id";
    public const string InsertImage =
        "INSERT INTO produit_images (produit_id, contenu, content_type, extension, date_modification) VALUES (@id, '\\x00', 'image/png', 'png', now())";

    public int ProduitId { get; set; }

    public string? Sql { get; set; }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Sql is { } sql && ChangesTheProduct(eventData.Context!))
        {
            Sql = null;
            await using var connection = new NpgsqlConnection(eventData.Context!.Database.GetConnectionString());
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("id", ProduitId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    private bool ChangesTheProduct(DbContext context) =>
        context.ChangeTracker.Entries<Produit>()
            .Any(entry => entry.Entity.Id == ProduitId && entry.State is EntityState.Modified or EntityState.Deleted);
}
