using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace PayeTonKawa.ServiceDefaults.Data;

/// <summary>
/// Tells a fault of the infrastructure (a database that does not answer, a connection cut, a lock conflict
/// that a later attempt resolves) from a fault of the request or message itself. The first kind is waited out and
/// retried; only the second kind is the caller's problem, or a message's reason to be dead-lettered.
/// </summary>
public static class TransientFaults
{
    /// <summary>
    /// What Npgsql throws, with no inner exception, when a multi-host connection string finds every host up but none
    /// of the wanted kind: during a failover, between the primary's loss and the standby's promotion.
    /// </summary>
    public const string NoSuitableHost = "No suitable host was found.";

    public static bool IsTransient(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException { IsTransient: true } or RetryLimitExceededException or TimeoutException or SocketException
                or NpgsqlException { InnerException: null, Message: NoSuitableHost })
            {
                return true;
            }
        }

        return false;
    }
}
