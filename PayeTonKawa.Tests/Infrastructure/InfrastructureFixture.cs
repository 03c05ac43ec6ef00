using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;

namespace PayeTonKawa.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL server and one real RabbitMQ node for the whole test run, started the way the AppHost starts
/// them on a machine without containers (its Local mode), on free ports, with data in a temporary directory that is
/// deleted at the end. Only the infrastructure runs: the API projects are removed from the model.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly string[] ConnectionNames = ["clientsdb", "produitsdb", "commandesdb", "messaging"];

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"payetonkawa-tests-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string> _connectionStrings = [];
    private DistributedApplication? _app;
    private int _managementPort;

    /// <summary>The AMQP URI of the test RabbitMQ node (default virtual host).</summary>
    public string MessagingConnectionString => ConnectionStringFor("messaging");

    /// <summary>
    /// A connection string to database <paramref name="databaseName"/> of the test server. The database need not exist:
    /// the services' migrations create it. Each test class should use a name of its own.
    /// </summary>
    public string DatabaseConnectionString(string databaseName) =>
        new NpgsqlConnectionStringBuilder(ConnectionStringFor("clientsdb")) { Database = databaseName }.ConnectionString;

    /// <summary>The connection string the AppHost gives resource <paramref name="resourceName"/> (clientsdb, produitsdb, commandesdb or messaging).</summary>
    public string ConnectionStringFor(string resourceName) =>
        _connectionStrings.TryGetValue(resourceName, out var connectionString)
            ? connectionString
            : throw new InvalidOperationException($"No connection string '{resourceName}' (is the infrastructure started?).");

    public async Task InitializeAsync()
    {
        string[] settings = UsesContainers
            ? ["Infrastructure:Mode=Containers"]
            :
            [
                "Infrastructure:Mode=Local",
                $"Infrastructure:Local:DataDirectory={_dataDirectory}",
                $"Infrastructure:Local:PostgresPort={FreePort()}",
                $"Infrastructure:Local:RabbitMqPort={FreePort()}",
                $"Infrastructure:Local:RabbitMqManagementPort={_managementPort = FreePort()}",
                $"Infrastructure:Local:RabbitMqDistributionPort={FreePort()}",
            ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PayeTonKawa_AppHost>(
            [.. settings, "Parameters:legacy-api-key=unused", "Parameters:metrics-api-key=unused"]);
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.Resources.Remove(project);
        }

        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(timeout.Token);
        foreach (var name in ConnectionNames)
        {
            // A connection string resource is ready only once its server accepts connections.
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
            _connectionStrings[name] = await _app.GetConnectionStringAsync(name, timeout.Token)
                ?? throw new InvalidOperationException($"No connection string '{name}'.");
        }

        if (UsesContainers)
        {
            _managementPort = _app.GetEndpoint(BrokerResource, "management").Port;
        }
    }

    /// <summary>
    /// <c>PAYETONKAWA_TEST_INFRASTRUCTURE=Containers</c> runs the suite on the AppHost's container resources (Aspire's
    /// PostgreSQL and RabbitMQ containers) instead of the machine's binaries: what CI does on a runner with Docker.
    /// </summary>
    public static bool UsesContainers =>
        string.Equals(Environment.GetEnvironmentVariable("PAYETONKAWA_TEST_INFRASTRUCTURE"), "Containers", StringComparison.OrdinalIgnoreCase);

    /// <summary>The AppHost resource that runs RabbitMQ: the local node, or the container.</summary>
    private static string BrokerResource => UsesContainers ? "messaging" : "rabbitmq";

    /// <summary>The AppHost resource that runs PostgreSQL (the local server or the container): same name in both modes.</summary>
    private const string DatabaseServerResource = "postgres";

    /// <summary>
    /// Starts the whole AppHost (the three APIs as separate processes) in Existing mode, pointed at this fixture's
    /// servers with databases of its own, and waits until the three APIs are healthy.
    /// </summary>
    public async Task<DistributedApplication> StartAppHostAsync(int replicas = 1, CancellationToken cancellationToken = default)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        // A virtual host of its own: the in-memory APIs consume queues of the same names on the default one.
        var messaging = await CreateVirtualHostAsync($"apphost-{run}", cancellationToken);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PayeTonKawa_AppHost>(
        [
            "Infrastructure:Mode=Existing",
            "Api:FixedPorts=false",
            $"Api:Replicas={replicas}",
            $"ConnectionStrings:clientsdb={DatabaseConnectionString($"apphost_clients_{run}")}",
            $"ConnectionStrings:produitsdb={DatabaseConnectionString($"apphost_produits_{run}")}",
            $"ConnectionStrings:commandesdb={DatabaseConnectionString($"apphost_commandes_{run}")}",
            $"ConnectionStrings:messaging={messaging}",
            $"Parameters:legacy-api-key={Support.TestKeys.Legacy}",
            $"Parameters:metrics-api-key={Support.TestKeys.Metrics}",
        ], cancellationToken);

        var app = await builder.BuildAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        await app.StartAsync(timeout.Token);
        foreach (var api in new[] { "clients", "produits", "commandes" })
        {
            if (replicas == 1)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(api, timeout.Token);
            }
            else
            {
                await app.WaitForHealthyInstancesAsync(api, replicas, timeout.Token);
            }
        }

        return app;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await DeleteDataDirectoryAsync();
    }

    /// <summary>Stops the RabbitMQ node for real (its process ends), as an outage would.</summary>
    public Task StopBrokerAsync() => StopAsync(BrokerResource);

    /// <summary>Starts the RabbitMQ node again, with its data, and waits until it accepts connections.</summary>
    public Task StartBrokerAsync() => StartAsync(BrokerResource);

    /// <summary>Stops the PostgreSQL server of every database for real (a fast shutdown: its process ends).</summary>
    public async Task StopDatabaseServerAsync()
    {
        // A fast shutdown writes a last checkpoint: after a whole suite of writes it can outlast the orchestrator's stop
        // timeout. Checkpointing first leaves it little to write.
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionStringFor("clientsdb")) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
            await checkpoint.ExecuteNonQueryAsync();
        }

        await StopAsync(DatabaseServerResource);
    }

    /// <summary>Starts the PostgreSQL server again, with its data, and waits until it accepts connections.</summary>
    public Task StartDatabaseServerAsync() => StartAsync(DatabaseServerResource);

    private async Task StopAsync(string resource)
    {
        // The command may report a failure when the process takes longer than the orchestrator waits for it; the process
        // still ends: what counts is that the resource reaches a terminal state.
        await _app!.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates, timeout.Token);
    }

    private async Task StartAsync(string resource)
    {
        var result = await _app!.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand);
        Assert.True(result.Success, result.Message);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
    }

    /// <summary>Creates a RabbitMQ virtual host on the test node and returns the connection string to it.</summary>
    public async Task<string> CreateVirtualHostAsync(string name, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(MessagingConnectionString);
        using var management = ManagementClient();
        (await management.PutAsync($"vhosts/{name}", null, cancellationToken)).EnsureSuccessStatusCode();
        (await management.PutAsync($"permissions/{name}/{Uri.EscapeDataString(BrokerUser)}",
            System.Net.Http.Json.JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" }), cancellationToken)).EnsureSuccessStatusCode();
        return new UriBuilder(uri) { Path = "/" + name }.Uri.ToString();
    }

    /// <summary>A client of the RabbitMQ management HTTP API (<c>/api/</c>) that the AppHost enables on the node.</summary>
    public HttpClient ManagementClient()
    {
        var password = Uri.UnescapeDataString(new Uri(MessagingConnectionString).UserInfo.Split(':')[1]);
        var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_managementPort}/api/") };
        management.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{BrokerUser}:{password}")));
        return management;
    }

    private string BrokerUser => Uri.UnescapeDataString(new Uri(MessagingConnectionString).UserInfo.Split(':')[0]);

    private async Task DeleteDataDirectoryAsync()
    {
        // A server may still be writing its last lines while it stops: try again for a little while, then leave the
        // rest to the system's temporary directory cleaning rather than fail the run.
        for (var attempt = 0; attempt < 10 && Directory.Exists(_dataDirectory); attempt++)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                await Task.Delay(500);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
