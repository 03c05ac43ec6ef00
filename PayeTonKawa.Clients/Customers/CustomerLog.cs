using System.Runtime.CompilerServices;

namespace PayeTonKawa.Clients.Customers;

/// <summary>What the customer routes log about the changes they make (never the password nor the e-mail).</summary>
internal static partial class CustomerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} created")]
    public static partial void Created(ILogger logger, int clientId,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} updated")]
    public static partial void Updated(ILogger logger, int clientId,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} deleted")]
    public static partial void Deleted(ILogger logger, int clientId,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
