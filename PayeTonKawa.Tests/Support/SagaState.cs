using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace PayeTonKawa.Tests.Support;

/// <summary>What the fault scenarios check once the system has settled, read from the APIs and their databases.</summary>
internal static class SagaState
{
    /// <summary>The orders stored for <paramref name="clientId"/>, once none of them waits for its stock any more.</summary>
    public static async Task<List<(int Id, string Statut)>> SettledOrdersAsync(HttpClient commandes, int clientId, int expected, TimeSpan timeout)
    {
        var orders = await Eventually.ReadAsync(
            async () =>
            {
                var page = await (await commandes.GetAsync($"/orders/?client_id={clientId}&limit=1000")).ReadJsonAsync(HttpStatusCode.OK);
                return page.EnumerateArray().Select(order => (order.GetProperty("id").GetInt32(), order.GetProperty("statut").GetString()!)).ToList();
            },
            orders => orders.Count >= expected && orders.All(order => order.Item2 != "en_attente"),
            timeout);
        return orders;
    }

    /// <summary>Messages in the dead-letter queues of the services behind <paramref name="admins"/>, per queue.</summary>
    public static async Task<Dictionary<string, long>> DeadLettersAsync(params HttpClient[] admins)
    {
        var all = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var admin in admins)
        {
            var queues = await (await admin.GetAsync("/admin/dead-letters/")).ReadJsonAsync(HttpStatusCode.OK);
            foreach (var queue in queues.EnumerateArray())
            {
                all[queue.GetProperty("queue").GetString()!] = queue.GetProperty("messages").GetInt64();
            }
        }

        return all;
    }

    /// <summary>The connection string an in-memory API was given for <paramref name="name"/>.</summary>
    public static string ConnectionString(IServiceProvider services, string name) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString(name)!;

    public static async Task<long> UnsentOutboxAsync(string connectionString) =>
        await ScalarAsync(connectionString, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL");

    /// <summary>How many times each event id was recorded as processed by <paramref name="queue"/> (the primary key allows one).</summary>
    public static async Task<long> ProcessedAsync(string connectionString, string queue, Guid eventId) =>
        await ScalarAsync(connectionString, $"SELECT count(*) FROM processed_events WHERE queue = '{queue}' AND event_id = '{eventId}'");

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        // A connection of its own: a pooled one may be one that an outage scenario has just terminated.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
