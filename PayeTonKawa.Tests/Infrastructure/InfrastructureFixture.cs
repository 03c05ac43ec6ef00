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

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"payetonkawa-tests-{Guid.NewGuid():N}");
    private DistributedApplication? _app;
    private string _postgres = "";
    private int _managementPort;

    public string MessagingConnectionString { get; private set; } = "";

    /// <summary>A connection string to database <paramref name="databaseName"/> of the test server (created on first migration).</summary>
    public string DatabaseConnectionString(string databaseName) =>
        new NpgsqlConnectionStringBuilder(_postgres) { Database = databaseName }.ConnectionString;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PayeTonKawa_AppHost>(
        [
            "Infrastructure:Mode=Local",
            $"Infrastructure:Local:DataDirectory={_dataDirectory}",
            $"Infrastructure:Local:PostgresPort={FreePort()}",
            $"Infrastructure:Local:RabbitMqPort={FreePort()}",
            $"Infrastructure:Local:RabbitMqManagementPort={_managementPort = FreePort()}",
            $"Infrastructure:Local:RabbitMqDistributionPort={FreePort()}",
            "Parameters:legacy-api-key=unused",
        ]);
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.Resources.Remove(project);
        }

        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("postgres", timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("rabbitmq", timeout.Token);

        _postgres = await _app.GetConnectionStringAsync("clientsdb", timeout.Token)
            ?? throw new InvalidOperationException("No PostgreSQL connection string.");
        MessagingConnectionString = await _app.GetConnectionStringAsync("messaging", timeout.Token)
            ?? throw new InvalidOperationException("No RabbitMQ connection string.");
    }

    /// <summary>
    /// Starts the whole AppHost (the three APIs as separate processes) in Existing mode, pointed at this fixture's
    /// servers with databases of its own, and waits until the three APIs are healthy.
    /// </summary>
    public async Task<DistributedApplication> StartAppHostAsync(CancellationToken cancellationToken = default)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        // A virtual host of its own: the in-memory APIs consume queues of the same names on the default one.
        var messaging = await CreateVirtualHostAsync($"apphost-{run}", cancellationToken);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PayeTonKawa_AppHost>(
        [
            "Infrastructure:Mode=Existing",
            "Api:FixedPorts=false",
            $"ConnectionStrings:clientsdb={DatabaseConnectionString($"apphost_clients_{run}")}",
            $"ConnectionStrings:produitsdb={DatabaseConnectionString($"apphost_produits_{run}")}",
            $"ConnectionStrings:commandesdb={DatabaseConnectionString($"apphost_commandes_{run}")}",
            $"ConnectionStrings:messaging={messaging}",
            $"Parameters:legacy-api-key={Support.TestKeys.Legacy}",
        ], cancellationToken);

        var app = await builder.BuildAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        await app.StartAsync(timeout.Token);
        foreach (var api in new[] { "clients", "produits", "commandes" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(api, timeout.Token);
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

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server may still be writing its last log lines; the temporary directory is cleaned by the system.
        }
    }

    /// <summary>Stops the RabbitMQ node for real (its process ends), as an outage would.</summary>
    public async Task StopBrokerAsync()
    {
        var result = await _app!.ResourceCommands.ExecuteCommandAsync("rabbitmq", KnownResourceCommands.StopCommand);
        Assert.True(result.Success, result.Message);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.ResourceNotifications.WaitForResourceAsync("rabbitmq", KnownResourceStates.TerminalStates, timeout.Token);
    }

    /// <summary>Starts the RabbitMQ node again, with its data, and waits until it accepts connections.</summary>
    public async Task StartBrokerAsync()
    {
        var result = await _app!.ResourceCommands.ExecuteCommandAsync("rabbitmq", KnownResourceCommands.StartCommand);
        Assert.True(result.Success, result.Message);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("rabbitmq", timeout.Token);
    }

    /// <summary>Creates a RabbitMQ virtual host on the test node and returns the connection string to it.</summary>
    public async Task<string> CreateVirtualHostAsync(string name, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(MessagingConnectionString);
        var user = Uri.UnescapeDataString(uri.UserInfo.Split(':')[0]);
        var password = Uri.UnescapeDataString(uri.UserInfo.Split(':')[1]);
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_managementPort}/api/") };
        management.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        (await management.PutAsync($"vhosts/{name}", null, cancellationToken)).EnsureSuccessStatusCode();
        (await management.PutAsync($"permissions/{name}/{Uri.EscapeDataString(user)}",
            System.Net.Http.Json.JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" }), cancellationToken)).EnsureSuccessStatusCode();
        return new UriBuilder(uri) { Path = "/" + name }.Uri.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
