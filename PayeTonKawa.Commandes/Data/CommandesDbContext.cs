using Microsoft.EntityFrameworkCore;

namespace PayeTonKawa.Commandes.Data;

public sealed class CommandesDbContext(DbContextOptions<CommandesDbContext> options) : DbContext(options);
