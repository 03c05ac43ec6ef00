using PayeTonKawa.Clients.Data;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.HighAvailability;

/// <summary>
/// The three APIs (in memory, so that coverage sees them) on a replicated PostgreSQL and a clustered RabbitMQ, reached
/// only through settings: a multi-host connection string with the read-write target, and one broker address.
/// </summary>
public sealed class HighAvailabilitySystem : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"payetonkawa-ha-{Guid.NewGuid():N}"[..24]);

    internal ReplicatedPostgres Database { get; private set; } = null!;

    internal RabbitMqCluster Broker { get; private set; } = null!;

    public ApiFactory<ClientsDbContext> Clients { get; private set; } = null!;

    public ApiFactory<ProduitsDbContext> Produits { get; private set; } = null!;

    public ApiFactory<CommandesDbContext> Commandes { get; private set; } = null!;

    internal FlowClient Flow() => new(Clients.CreateClient(), Produits.CreateClient(), Commandes.CreateClient());

    public async Task InitializeAsync()
    {
        Database = new ReplicatedPostgres(Path.Combine(_directory, "postgres"));
        Broker = new RabbitMqCluster(Path.Combine(_directory, "rabbitmq"));
        await Task.WhenAll(Database.StartAsync(), Broker.StartAsync());

        Clients = new("clientsdb", Database.ConnectionString("clientsdb"), Broker.ConnectionString);
        Produits = new("produitsdb", Database.ConnectionString("produitsdb"), Broker.ConnectionString);
        Commandes = new("commandesdb", Database.ConnectionString("commandesdb"), Broker.ConnectionString, builder => builder.CallProduits(Produits));
        // Started now, in this order, so that every queue is declared while its three nodes run.
        await Flow().CreateProductAsync(stock: 1);
    }

    public async Task DisposeAsync()
    {
        // Whatever failed to start, what did start is stopped.
        foreach (var api in new IAsyncDisposable?[] { Commandes, Produits, Clients, Broker, Database })
        {
            if (api is not null)
            {
                await api.DisposeAsync();
            }
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HighAvailabilityCollection : ICollectionFixture<HighAvailabilitySystem>
{
    public const string Name = "HighAvailability";
}
