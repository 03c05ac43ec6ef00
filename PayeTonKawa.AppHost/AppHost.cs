using PayeTonKawa.AppHost;
using PayeTonKawa.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.AddInfrastructure();
var legacyApiKey = builder.AddParameter("legacy-api-key", secret: true);

builder.AddApi<Projects.PayeTonKawa_Clients>("clients", 8000, infrastructure.ClientsDb, infrastructure, legacyApiKey);
builder.AddApi<Projects.PayeTonKawa_Produits>("produits", 8001, infrastructure.ProduitsDb, infrastructure, legacyApiKey);
builder.AddApi<Projects.PayeTonKawa_Commandes>("commandes", 8002, infrastructure.CommandesDb, infrastructure, legacyApiKey);

builder.Build().Run();
