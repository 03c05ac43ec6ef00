using System.Diagnostics.CodeAnalysis;
using PayeTonKawa.ServiceDefaults.Data;

namespace PayeTonKawa.Clients.Data;

[ExcludeFromCodeCoverage(Justification = "Used only by the dotnet-ef tooling.")]
internal sealed class ClientsDbContextFactory() : DesignTimeDbContextFactory<ClientsDbContext>("clientsdb");
