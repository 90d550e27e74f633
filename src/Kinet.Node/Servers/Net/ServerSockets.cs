// Creating and binding a program's sockets through the context's factory, with the options Go's net.Listen sets
// (SO_REUSEADDR, so a restarted container rebinds its port at once; dual-stack when listening on "::").
using System.Net;
using System.Net.Sockets;

namespace Kinet.Node.Servers.Net;

internal static class ServerSockets
{
    public static Socket Bind(IServerContext context, SocketType type, ProtocolType protocol, int port, IPAddress? address = null)
    {
        address ??= context.ListenAddress;
        var socket = context.ListenSocketFactory(address.AddressFamily, type, protocol);
        try
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(address, port));
            if (type == SocketType.Stream) socket.Listen(4096);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
