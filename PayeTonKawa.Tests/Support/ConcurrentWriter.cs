using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace PayeTonKawa.Tests.Support;

/// <summary>
/// Plays another writer (a second request, or a consumer) between the moment the API read a
/// <typeparamref name="TEntity"/> and the moment it saves: on the next save that changes the entity
/// <see cref="EntityId"/>, runs <see cref="Sql"/> (with <c>@id</c>, that entity's id) on a connection of its own. Other
/// saves (the outbox relay's, for one) are left alone.
/// </summary>
internal sealed class ConcurrentWriter<TEntity> : SaveChangesInterceptor
    where TEntity : class
{
    public int EntityId { get; set; }

    public string? Sql { get; set; }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Sql is { } sql && ChangesTheEntity(eventData.Context!))
        {
            Sql = null;
            await using var connection = new NpgsqlConnection(eventData.Context!.Database.GetConnectionString());
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("id", EntityId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    private bool ChangesTheEntity(DbContext context) =>
        context.ChangeTracker.Entries<TEntity>()
            .Any(entry => Equals(entry.Property("Id").CurrentValue, EntityId) && entry.State is EntityState.Modified or EntityState.Deleted);
}
