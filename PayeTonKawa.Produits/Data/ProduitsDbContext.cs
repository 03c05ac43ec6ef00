using Microsoft.EntityFrameworkCore;

namespace PayeTonKawa.Produits.Data;

public sealed class ProduitsDbContext(DbContextOptions<ProduitsDbContext> options) : DbContext(options);
