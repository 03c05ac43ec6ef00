using System.Runtime.CompilerServices;

namespace PayeTonKawa.Commandes.Orders;

/// <summary>What the order routes log about the changes they make.</summary>
internal static partial class OrderLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Order {CommandeId} created for client {ClientId} ({Lignes} line(s), total {Total})")]
    public static partial void Created(ILogger logger, int commandeId, int clientId, int lignes, decimal total,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {CommandeId} status changed from {Previous} to {Statut}")]
    public static partial void StatusChanged(ILogger logger, int commandeId, string previous, string statut,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {CommandeId} deleted")]
    public static partial void Deleted(ILogger logger, int commandeId,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
