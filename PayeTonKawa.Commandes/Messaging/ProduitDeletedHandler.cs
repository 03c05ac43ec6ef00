using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Commandes.Messaging;

/// <summary><c>produit.deleted</c> (legacy): the product is recorded as deleted; orders that contain it are left as they are.</summary>
public sealed partial class ProduitDeletedHandler(TimeProvider clock, ILogger<ProduitDeletedHandler> logger) : PerEventHandler<CommandesDbContext>
{
    protected override async Task HandleAsync(EventEnvelope envelope, CommandesDbContext db, CancellationToken cancellationToken)
    {
        var produitId = envelope.Read<ProduitDeletedMessage>().ProduitId;
        if (!await db.ProduitsSupprimes.AnyAsync(produit => produit.ProduitId == produitId, cancellationToken))
        {
            db.ProduitsSupprimes.Add(new ProduitSupprime { ProduitId = produitId, DateSuppression = clock.GetUtcNow() });
        }

        var affected = await db.Commandes.CountAsync(commande => commande.Lignes.Any(ligne => ligne.ProduitId == produitId), cancellationToken);
        LogProductDeleted(logger, produitId, affected);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Product {ProduitId} deleted; {Count} order(s) contain it")]
    private static partial void LogProductDeleted(ILogger logger, int produitId, int count,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
