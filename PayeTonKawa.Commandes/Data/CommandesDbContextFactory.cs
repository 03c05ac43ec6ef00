using System.Diagnostics.CodeAnalysis;
using PayeTonKawa.ServiceDefaults.Data;

namespace PayeTonKawa.Commandes.Data;

[ExcludeFromCodeCoverage(Justification = "Used only by the dotnet-ef tooling.")]
internal sealed class CommandesDbContextFactory() : DesignTimeDbContextFactory<CommandesDbContext>("commandesdb");
