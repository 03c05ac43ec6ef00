using System.Net.Sockets;
using Npgsql;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.HighAvailability;

/// <summary>
/// A PostgreSQL primary and its synchronous streaming standby (with a replication slot), from the machine's binaries
/// and the repository's <c>PayeTonKawa.AppHost/LocalServers/postgres.sh</c>: a commit returns only once the standby has it, as the
/// production overlay configures CloudNativePG. The services reach them with Npgsql's multi-host connection string
/// and the read-write target, the way a CNPG <c>-rw</c> Service is reached from one machine.
/// </summary>
internal sealed class ReplicatedPostgres(string directory) : IAsyncDisposable
{
    private const string StandbyName = "standby";
    private readonly string _password = Guid.NewGuid().ToString("N");
    private readonly int _primaryPort = Ports.Free();
    private readonly int _standbyPort = Ports.Free();
    private ServerProcess? _primary;
    private ServerProcess? _standby;

    private string PrimaryDirectory => Path.Combine(directory, "primary");

    private string StandbyDirectory => Path.Combine(directory, "standby");

    public async Task StartAsync()
    {
        Directory.CreateDirectory(directory);
        _primary = StartServer("postgres-primary", PrimaryDirectory, _primaryPort);
        await WaitAcceptingAsync(_primary, _primaryPort);
        await ExecuteAsync(_primaryPort,
            $"ALTER SYSTEM SET synchronous_standby_names = 'ANY 1 ({StandbyName})'",
            "SELECT pg_reload_conf()",
            $"SELECT pg_create_physical_replication_slot('{StandbyName}')");

        // The standby is a base backup of the primary that follows it through the slot; its cluster_name is the
        // application name the primary's synchronous_standby_names waits for.
        Directory.CreateDirectory(StandbyDirectory);
        if (IsRoot)
        {
            await ServerProcess.RunAsync("chown", ["postgres:postgres", StandbyDirectory]);
        }

        await AsServerUserAsync(Path.Combine(BinDirectory(), "pg_basebackup"),
            ["-h", "127.0.0.1", "-p", Ports.Text(_primaryPort), "-U", "postgres", "-D", StandbyDirectory, "-R", "-S", StandbyName, "-X", "stream", "-c", "fast"],
            new Dictionary<string, string> { ["PGPASSWORD"] = _password });
        await File.AppendAllTextAsync(Path.Combine(StandbyDirectory, "postgresql.auto.conf"), $"cluster_name = '{StandbyName}'\n");
        _standby = StartServer("postgres-standby", StandbyDirectory, _standbyPort);
        await Eventually.ReadAsync(
            () => ScalarAsync(_primaryPort, "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'standby' AND state = 'streaming' AND sync_state = 'quorum'"),
            count => count == 1, TimeSpan.FromSeconds(60));
        Assert.Equal(1L, await ScalarAsync(_primaryPort, "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'quorum'"));
    }

    /// <summary>Both hosts, the read-write one wanted: what the services are given.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = $"127.0.0.1:{Ports.Text(_primaryPort)},127.0.0.1:{Ports.Text(_standbyPort)}",
        Username = "postgres",
        Password = _password,
        Database = database,
        TargetSessionAttributes = "read-write",
        HostRecheckSeconds = 1,
    }.ConnectionString;

    /// <summary>The primary lost at once (SIGKILL of the postmaster): no shutdown, no last WAL sent.</summary>
    public async Task KillPrimaryAsync() => await ServerProcess.KillAsync(Path.Combine(PrimaryDirectory, "postmaster.pid"));

    /// <summary>
    /// What the operator does: the standby is promoted; with no other standby left, the new primary stops waiting for
    /// one (CloudNativePG does the same with <c>dataDurability: preferred</c>; with three instances a standby remains).
    /// </summary>
    public async Task PromoteStandbyAsync()
    {
        await ExecuteAsync(_standbyPort, "SELECT pg_promote(true, 60)", "ALTER SYSTEM RESET synchronous_standby_names", "SELECT pg_reload_conf()");
        Assert.Equal(0L, await ScalarAsync(_standbyPort, "SELECT count(*) FROM pg_stat_wal_receiver"));
    }

    public async ValueTask DisposeAsync()
    {
        _standby?.Dispose();
        _primary?.Dispose();
        await Task.CompletedTask;
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private ServerProcess StartServer(string name, string dataDirectory, int port) =>
        ServerProcess.Start(name, "bash", [Path.Combine(RepositoryRoot.Path(), "PayeTonKawa.AppHost", "LocalServers", "postgres.sh"), dataDirectory, Ports.Text(port)],
            new Dictionary<string, string> { ["PGPASSWORD_INIT"] = _password });

    private async Task WaitAcceptingAsync(ServerProcess server, int port)
    {
        var accepting = await Eventually.ReadAsync(async () =>
        {
            try
            {
                return await ScalarAsync(port, "SELECT 1") == 1;
            }
            catch (Exception exception) when (exception is NpgsqlException or SocketException or TimeoutException)
            {
                return false;
            }
        }, ok => ok || server.HasExited, TimeSpan.FromSeconds(60));
        Assert.True(accepting, $"{server.Name} does not accept connections:{Environment.NewLine}{server.Tail}");
    }

    private async Task ExecuteAsync(int port, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(Single(port));
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task<long> ScalarAsync(int port, string sql)
    {
        await using var connection = new NpgsqlConnection(Single(port));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private string Single(int port) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = port, Username = "postgres", Password = _password, Database = "postgres", Pooling = false, Timeout = 5,
    }.ConnectionString;

    // PostgreSQL refuses root: as in postgres.sh, its tools run as the postgres user when the tests run as root.
    private static bool IsRoot => Environment.UserName == "root";

    private static async Task AsServerUserAsync(string fileName, string[] arguments, Dictionary<string, string> environment)
    {
        if (IsRoot)
        {
            await ServerProcess.RunAsync("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", fileName, .. arguments], environment);
        }
        else
        {
            await ServerProcess.RunAsync(fileName, arguments, environment);
        }
    }

    private static string BinDirectory() =>
        Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin")).OrderBy(path => path, StringComparer.Ordinal).Last();


}
