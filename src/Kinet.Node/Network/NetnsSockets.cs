// Sockets that live inside a network namespace (a pod's or a node's): the built-in servers listen inside pods and
// port-forward dials 127.0.0.1:<port> inside a pod. The socket is created on a dedicated thread that entered the
// namespace (NetnsThread); once created it belongs to that namespace and is used like any other socket.
using System.Net;
using System.Net.Sockets;

namespace Kinet.Node.Network;

public static class NetnsSockets
{
    /// <summary>Creates an unbound socket inside the network namespace at <paramref name="netnsPath"/>
    /// (e.g. /run/netns/kinet-c-pod-x).</summary>
    public static Task<Socket> CreateAsync(string netnsPath, AddressFamily family, SocketType type, ProtocolType protocol) =>
        NetnsThread.RunAsync(netnsPath, () => new Socket(family, type, protocol));

    /// <summary>A synchronous socket factory for one namespace, the shape the built-in servers take. Each call waits
    /// briefly for a dedicated thread to create the socket.</summary>
    public static Func<AddressFamily, SocketType, ProtocolType, Socket> Factory(string netnsPath) =>
        (family, type, protocol) => CreateAsync(netnsPath, family, type, protocol).GetAwaiter().GetResult();

    /// <summary>Connects a TCP socket to <paramref name="endpoint"/> from inside the namespace (port-forward: 127.0.0.1
    /// inside a pod). The caller owns the returned, connected socket.</summary>
    public static async Task<Socket> ConnectAsync(string netnsPath, EndPoint endpoint, CancellationToken ct)
    {
        var family = endpoint.AddressFamily == AddressFamily.Unspecified ? AddressFamily.InterNetwork : endpoint.AddressFamily;
        var socket = await CreateAsync(netnsPath, family, SocketType.Stream, ProtocolType.Tcp).ConfigureAwait(false);
        try
        {
            await socket.ConnectAsync(endpoint, ct).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Binds and listens on <paramref name="endpoint"/> inside the namespace (TCP).</summary>
    public static async Task<Socket> ListenAsync(string netnsPath, IPEndPoint endpoint, int backlog = 512)
    {
        var socket = await CreateAsync(netnsPath, endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp).ConfigureAwait(false);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
