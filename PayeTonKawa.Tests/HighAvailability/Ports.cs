using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PayeTonKawa.Tests.HighAvailability;

internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
