// One listening stream socket and its connections: accepts without blocking a thread, hands each connection to the
// program's handler, and on disposal closes the listener and every open connection (what a dead process's sockets do).
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Kinet.Node.Servers.Net;

internal sealed class TcpListenerLoop : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<Socket, CancellationToken, Task> _handler;
    private readonly CancellationTokenSource _cts = new();
    private readonly ConcurrentDictionary<Socket, Task> _connections = new();
    private Task _accepting = Task.CompletedTask;
    private int _disposed;

    private TcpListenerLoop(Socket listener, Func<Socket, CancellationToken, Task> handler)
    {
        _listener = listener;
        _handler = handler;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Binds and listens now (throws SocketException, e.g. address in use), then accepts in the background.</summary>
    public static TcpListenerLoop Start(IServerContext context, int port, Func<Socket, CancellationToken, Task> handler,
        ProtocolType protocol = ProtocolType.Tcp)
    {
        var loop = new TcpListenerLoop(ServerSockets.Bind(context, SocketType.Stream, protocol, port), handler);
        loop._accepting = loop.AcceptAsync();
        return loop;
    }

    private async Task AcceptAsync()
    {
        while (!_cts.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_cts.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || _cts.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // a client that reset before accept; the listener is still fine
            }
            connection.NoDelay = connection.ProtocolType == ProtocolType.Tcp;
            _connections[connection] = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        await Task.Yield(); // never run a handler on the accept loop's stack
        try
        {
            await _handler(connection, _cts.Token);
        }
        catch (Exception)
        {
            // The peer went away, we are stopping, or a handler failed on one connection: whichever, it ends that
            // connection only, never the server.
        }
        finally
        {
            connection.Dispose();
            _connections.TryRemove(connection, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _cts.Cancel();
        _listener.Dispose();
        try { await _accepting; } catch (Exception) { /* a closed listener */ }
        foreach (var connection in _connections.Keys) connection.Dispose(); // after accepting stopped: none comes later
        foreach (var task in _connections.Values)
        {
            try { await task; } catch (Exception) { /* handlers end when their socket closes */ }
        }
        _cts.Dispose();
    }
}
