using PayeTonKawa.AppHost;
using PayeTonKawa.AppHost.Dashboard;
using PayeTonKawa.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);
builder.StopOnStartupFailure();

// PostgreSQL (three databases) and RabbitMQ: containers, the machine's own binaries, or servers that already run.
var infra = builder.AddInfrastructure();
var apiKeys = new ApiKeyParameters(
    builder.AddParameter("legacy-api-key", secret: true),
    builder.AddParameter("metrics-api-key", secret: true));

builder.AddApi<Projects.PayeTonKawa_Clients>("clients", port: 8000, apiKeys)
    .WithReference(infra.ClientsDb).WaitFor(infra.ClientsDb)
    .WithReference(infra.Messaging).WaitFor(infra.Messaging);

var produits = builder.AddApi<Projects.PayeTonKawa_Produits>("produits", port: 8001, apiKeys)
    .WithReference(infra.ProduitsDb).WaitFor(infra.ProduitsDb)
    .WithReference(infra.Messaging).WaitFor(infra.Messaging)
    .WithReplayDeadLettersCommand(apiKeys.Legacy)
    .WithDemoCatalogueCommand(apiKeys.Legacy);

builder.AddApi<Projects.PayeTonKawa_Commandes>("commandes", port: 8002, apiKeys)
    .WithReference(infra.CommandesDb).WaitFor(infra.CommandesDb)
    .WithReference(infra.Messaging).WaitFor(infra.Messaging)
    // Only the operator's stock coherence check calls Produits, never an order: Commandes starts without waiting for it.
    // It finds Produits by service discovery (services__produits__http__0) and reads no other form of the address.
    .WithReference(produits)
    .WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString | ReferenceEnvironmentInjectionFlags.ServiceDiscovery)
    .WithReplayDeadLettersCommand(apiKeys.Legacy)
    .WithStockCoherenceCommand(apiKeys.Legacy);

using var app = builder.Build();
return app.RunAndGetExitCode();
