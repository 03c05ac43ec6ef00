namespace PayeTonKawa.AppHost.Infrastructure;

/// <summary>
/// The connection strings the APIs reference. Each one is a resource that becomes ready only when its server accepts
/// connections, so that an API can simply wait for the connection strings it uses.
/// </summary>
public sealed record InfrastructureResources(
    IResourceBuilder<IResourceWithConnectionString> ClientsDb,
    IResourceBuilder<IResourceWithConnectionString> ProduitsDb,
    IResourceBuilder<IResourceWithConnectionString> CommandesDb,
    IResourceBuilder<IResourceWithConnectionString> Messaging);
