using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using PayeTonKawa.Clients;
using PayeTonKawa.Commandes;
using PayeTonKawa.Messaging;
using PayeTonKawa.Produits;

namespace PayeTonKawa.ApiReference;

/// <summary>The three APIs as the reference describes them, read from the repository and from the code, with no server.</summary>
public static class ReferencedApis
{
    public static IReadOnlyList<ReferencedApi> Load(string repositoryRoot) =>
    [
        new("clients", 8000, Document(repositoryRoot, "clients"), Queues("clientsdb", builder => builder.AddClientsService())),
        new("produits", 8001, Document(repositoryRoot, "produits"), Queues("produitsdb", builder => builder.AddProduitsService())),
        new("commandes", 8002, Document(repositoryRoot, "commandes"), Queues("commandesdb", builder => builder.AddCommandesService())),
    ];

    private static JsonObject Document(string repositoryRoot, string api) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(repositoryRoot, ReferencedApi.DocumentPath(api))))?.AsObject()
        ?? throw new InvalidOperationException($"{ReferencedApi.DocumentPath(api)} is not a JSON object.");

    // The queues an API consumes, in the order it registers them: its services are registered, never started, so the
    // connection strings only need to be well formed.
    private static string[] Queues(string database, Action<WebApplicationBuilder> addService)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{database}"] = $"Host=localhost;Database={database}",
            [$"ConnectionStrings:{MessagingExtensions.ConnectionName}"] = "amqp://localhost",
        });
        addService(builder);
        return
        [
            .. builder.Services
                .Where(service => service.ServiceType == typeof(ConsumerRegistration))
                .Select(service => ((ConsumerRegistration)service.ImplementationInstance!).Queue),
        ];
    }
}
