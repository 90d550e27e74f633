// One bound datagram socket: each datagram goes to the program's handler, whose answer (if any) goes back to the
// sender. Disposal closes the socket.
using System.Net;
using System.Net.Sockets;

namespace Kinet.Node.Servers.Net;

internal sealed class UdpServeLoop : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Func<ReadOnlyMemory<byte>, IPEndPoint, byte[]?> _handler;
    private readonly int _bufferSize;
    private readonly CancellationTokenSource _cts = new();
    private Task _receiving = Task.CompletedTask;
    private int _disposed;

    private UdpServeLoop(Socket socket, Func<ReadOnlyMemory<byte>, IPEndPoint, byte[]?> handler, int bufferSize)
    {
        _socket = socket;
        _handler = handler;
        _bufferSize = bufferSize;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Binds now (throws SocketException), then serves in the background. Datagrams longer than
    /// <paramref name="bufferSize"/> are truncated, as the programs' fixed read buffers truncate them.</summary>
    public static UdpServeLoop Start(IServerContext context, int port, Func<ReadOnlyMemory<byte>, IPEndPoint, byte[]?> handler, int bufferSize,
        IPAddress? address = null)
    {
        var loop = new UdpServeLoop(ServerSockets.Bind(context, SocketType.Dgram, ProtocolType.Udp, port, address), handler, bufferSize);
        loop._receiving = loop.ReceiveAsync();
        return loop;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[_bufferSize];
        EndPoint any = _socket.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        while (!_cts.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _cts.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || _cts.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // e.g. an ICMP error for an earlier answer: the socket still serves
            }
            var sender = (IPEndPoint)received.RemoteEndPoint;
            byte[]? answer;
            try
            {
                answer = _handler(buffer.AsMemory(0, received.ReceivedBytes), sender);
            }
            catch (Exception)
            {
                continue; // one bad datagram must not end the server
            }
            if (answer is null) continue;
            try
            {
                await _socket.SendToAsync(answer, SocketFlags.None, sender, _cts.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // a lost answer is what UDP gives anyway
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _cts.Cancel();
        _socket.Dispose();
        try { await _receiving; } catch (Exception) { /* closed */ }
        _cts.Dispose();
    }
}
