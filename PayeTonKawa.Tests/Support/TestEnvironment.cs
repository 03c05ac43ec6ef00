using Aspire.Hosting;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Tests.Infrastructure;

namespace PayeTonKawa.Tests.Support;

/// <summary>
/// Everything the tests of one run share: the real PostgreSQL and RabbitMQ servers, and each API hosted in memory
/// against a database of its own. Tests create their own data with unique values, so they never depend on each other.
/// </summary>
public sealed class TestEnvironment : IAsyncLifetime
{
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private Lazy<Task<DistributedApplication>>? _appHost;
    private Lazy<Task<DistributedApplication>>? _replicatedAppHost;

    public InfrastructureFixture Infrastructure { get; } = new();

    public ApiFactory<ClientsDbContext> Clients { get; private set; } = null!;

    public ApiFactory<ProduitsDbContext> Produits { get; private set; } = null!;

    public ApiFactory<CommandesDbContext> Commandes { get; private set; } = null!;

    /// <summary>The whole system run by the AppHost (APIs as processes), started once, on first use.</summary>
    public Task<DistributedApplication> AppHost => _appHost!.Value;

    /// <summary>The whole system with two instances of every API behind each API's port, started once, on first use.</summary>
    public Task<DistributedApplication> ReplicatedAppHost => _replicatedAppHost!.Value;

    public async Task InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        _appHost = new Lazy<Task<DistributedApplication>>(() => Infrastructure.StartAppHostAsync());
        _replicatedAppHost = new Lazy<Task<DistributedApplication>>(() => Infrastructure.StartAppHostAsync(replicas: 2));
        Clients = Create<ClientsDbContext>("clientsdb");
        Produits = Create<ProduitsDbContext>("produitsdb");
        // Commandes reads Produits' reservations (its stock coherence check) from the in-memory Produits.
        Commandes = Create<CommandesDbContext>("commandesdb", builder => builder.CallProduits(Produits));
    }

    public async Task DisposeAsync()
    {
        foreach (var appHost in new[] { _appHost, _replicatedAppHost })
        {
            if (appHost is { IsValueCreated: true })
            {
                var app = await appHost.Value;
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        await Clients.DisposeAsync();
        await Produits.DisposeAsync();
        await Commandes.DisposeAsync();
        await Infrastructure.DisposeAsync();
    }

    private ApiFactory<T> Create<T>(string connectionName, Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? configure = null)
        where T : class =>
        new(connectionName, Infrastructure.DatabaseConnectionString($"{connectionName}_{_runId}"), Infrastructure.MessagingConnectionString, configure);
}

[CollectionDefinition(Name)]
public sealed class TestCollection : ICollectionFixture<TestEnvironment>
{
    public const string Name = "PayeTonKawa";
}
