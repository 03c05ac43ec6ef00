using System.Diagnostics.CodeAnalysis;
using PayeTonKawa.ServiceDefaults.Data;

namespace PayeTonKawa.Produits.Data;

[ExcludeFromCodeCoverage(Justification = "Used only by the dotnet-ef tooling.")]
internal sealed class ProduitsDbContextFactory() : DesignTimeDbContextFactory<ProduitsDbContext>("produitsdb");
