// A one-page HTTP server on a free 127.0.0.1 port, standing in for a pod's web server behind port-forward: it answers each
// request with a fixed body and the count of requests it has seen, then closes the connection.
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kinet.Api.Tests.Streams;

public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public LocalHttpServer(string body)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptAsync(body);
    }

    public int Port { get; }

    private async Task AcceptAsync(string body)
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client, body);
            }
        }
        catch (OperationCanceledException) { }
        catch (SocketException) { }
    }

    private async Task ServeAsync(TcpClient client, string body)
    {
        using (client)
        {
            var s = client.GetStream();
            var buffer = new byte[8192];
            var request = new StringBuilder();
            try
            {
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var n = await s.ReadAsync(buffer, _stop.Token);
                    if (n == 0) return;
                    request.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
                var text = $"{body} #{Interlocked.Increment(ref _requests)}\n";
                var response = $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {Encoding.UTF8.GetByteCount(text)}\r\nConnection: close\r\n\r\n{text}";
                await s.WriteAsync(Encoding.UTF8.GetBytes(response), _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException) { }
        }
    }

    /// <summary>A loopback port free at the time of asking (for kubectl port-forward's local side).</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
