using System.Net;
using Npgsql;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Defaults;

[Collection(TestCollection.Name)]
public sealed class HealthTests(TestEnvironment env)
{
    [Fact]
    public async Task Health_is_503_while_the_database_refuses_connections_and_200_again_after()
    {
        var database = $"clients_health_{Guid.NewGuid():N}"[..30];
        await using var factory = new ApiFactory<ClientsDbContext>(
            "clientsdb", env.Infrastructure.DatabaseConnectionString(database), env.Infrastructure.MessagingConnectionString);
        var http = factory.CreateClient(apiKey: null);
        await (await http.GetAsync("/health")).ReadJsonAsync(HttpStatusCode.OK);

        await SetConnectionsAllowedAsync(database, allowed: false);
        try
        {
            var down = await http.GetAsync("/health");
            var body = await down.ReadJsonAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("unhealthy", body.GetProperty("status").GetString());
            Assert.Equal("disconnected", body.GetProperty("database").GetString());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
        }
        finally
        {
            await SetConnectionsAllowedAsync(database, allowed: true);
        }

        var back = await (await http.GetAsync("/health")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("connected", back.GetProperty("database").GetString());
    }

    [Fact]
    public async Task Health_reports_rabbitmq_and_the_outbox_backlog()
    {
        var http = env.Clients.CreateClient(apiKey: null);
        var body = await (await http.GetAsync("/health")).ReadJsonAsync(HttpStatusCode.OK);
        for (var i = 0; i < 100 && body.GetProperty("rabbitmq").GetString() != "connected"; i++)
        {
            await Task.Delay(100);
            body = await (await http.GetAsync("/health")).ReadJsonAsync(HttpStatusCode.OK);
        }

        Assert.Equal("connected", body.GetProperty("rabbitmq").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, body.GetProperty("outbox_en_attente").ValueKind);
    }

    private async Task SetConnectionsAllowedAsync(string database, bool allowed)
    {
        await using var connection = new NpgsqlConnection(env.Infrastructure.DatabaseConnectionString("postgres"));
        await connection.OpenAsync();
        await using var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS {(allowed ? "true" : "false")}", connection);
        await alter.ExecuteNonQueryAsync();
        if (!allowed)
        {
            await using var terminate = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database AND pid <> pg_backend_pid()", connection);
            terminate.Parameters.AddWithValue("database", database);
            await terminate.ExecuteNonQueryAsync();
        }
    }
}
