using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Commandes.Messaging;

/// <summary>
/// <c>client.deleted</c>: every order of the customer that is still under way becomes <c>client_supprime</c>; a
/// delivered or cancelled order keeps its final status (a change from the Python version, which marked them all).
/// Each change is published as <c>commande.updated</c>, so Produits gives back the stock those orders held.
/// </summary>
public sealed partial class ClientDeletedHandler(TimeProvider clock, ILogger<ClientDeletedHandler> logger) : PerEventHandler<CommandesDbContext>
{
    protected override async Task HandleAsync(EventEnvelope envelope, CommandesDbContext db, CancellationToken cancellationToken)
    {
        var clientId = envelope.Read<ClientDeletedMessage>().ClientId;
        var commandes = await db.Commandes
            .Where(commande => commande.ClientId == clientId && !Statuts.Final.Contains(commande.Statut))
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var commande in commandes)
        {
            db.ChangeStatus(commande, Statuts.ClientSupprime, now, cause: envelope);
        }

        LogOrdersDetached(logger, clientId, commandes.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} deleted: {Count} order(s) set to client_supprime")]
    private static partial void LogOrdersDetached(ILogger logger, int clientId, int count,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
