namespace PayeTonKawa.AppHost.Infrastructure;

/// <summary>The connection strings the APIs reference, and the servers they must wait for (none when they already run).</summary>
public sealed record InfrastructureResources(
    InfrastructureMode Mode,
    IResourceBuilder<IResourceWithConnectionString> ClientsDb,
    IResourceBuilder<IResourceWithConnectionString> ProduitsDb,
    IResourceBuilder<IResourceWithConnectionString> CommandesDb,
    IResourceBuilder<IResourceWithConnectionString> Messaging,
    IReadOnlyList<IResourceBuilder<IResource>> Servers);
