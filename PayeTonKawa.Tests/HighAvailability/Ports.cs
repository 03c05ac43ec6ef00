using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PayeTonKawa.Tests.HighAvailability;

internal static class Ports
{
    private static readonly ConcurrentDictionary<int, bool> Given = new();

    /// <summary>
    /// A free port below Linux's ephemeral range (32768 and up): a port taken from that range by binding port 0 was
    /// reused, before the server bound it, by an outgoing connection of the same run (a RabbitMQ node then failed to
    /// start its management listener). Never the same port twice in a run.
    /// </summary>
    public static int Free()
    {
        while (true)
        {
            var port = Random.Shared.Next(20000, 32000);
            if (!Given.TryAdd(port, true))
            {
                continue;
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }

    public static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
