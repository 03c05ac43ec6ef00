using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using PayeTonKawa.Commandes.Orders;

namespace PayeTonKawa.Tests.Commandes;

/// <summary>
/// Plays another writer (a second request, or a consumer setting a status) between the moment the API read an order
/// and the moment it saves: on the next save that changes order <see cref="CommandeId"/>, runs <see cref="Sql"/>
/// (with <c>@id</c>) on a connection of its own. Other saves are left alone.
/// </summary>
internal sealed class ConcurrentOrderWriter : SaveChangesInterceptor
{
    public const string DetachFromDeletedClient = "UPDATE commandes SET statut = 'client_supprime' WHERE id = @id";
    public const string Delete = "DELETE FROM commandes WHERE id = @id";

    public int CommandeId { get; set; }

    public string? Sql { get; set; }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Sql is { } sql && ChangesTheOrder(eventData.Context!))
        {
            Sql = null;
            await using var connection = new NpgsqlConnection(eventData.Context!.Database.GetConnectionString());
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("id", CommandeId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    private bool ChangesTheOrder(DbContext context) =>
        context.ChangeTracker.Entries<Commande>()
            .Any(entry => entry.Entity.Id == CommandeId && entry.State is EntityState.Modified or EntityState.Deleted);
}
