// CoreDNS's `health` (:8080/health) and `ready` (:8181/ready) endpoints: a minimal HTTP/1.1 server on a socket from
// the server's factory (so it listens inside the pod's network namespace), enough for the kubelet's httpGet probes.
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kinet.Dns.Health;

internal sealed class ProbeServer : IDisposable
{
    private readonly Socket _listener;
    private readonly string _path;
    private readonly Func<bool> _ok;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Answers GET <paramref name="path"/> with 200 "OK" while <paramref name="ok"/> holds, else 503.</summary>
    public ProbeServer(Socket listener, string path, Func<bool> ok)
    {
        _listener = listener;
        _path = path;
        _ok = ok;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public void Start() => _ = AcceptLoopAsync();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptAsync(_stop.Token);
                _ = ServeAsync(client);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(10);
            }
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                var buffer = new byte[4096];
                var read = 0;
                while (read < buffer.Length)
                {
                    var n = await client.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
                    if (n == 0) break;
                    read += n;
                    if (buffer.AsSpan(0, read).IndexOf("\r\n\r\n"u8) >= 0) break;
                }
                var requestLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0].Split(' ');
                var path = requestLine.Length >= 2 ? requestLine[1].Split('?')[0] : "";
                var (status, body) = path != _path ? ("404 Not Found", "404 page not found\n")
                    : _ok() ? ("200 OK", "OK") : ("503 Service Unavailable", "");
                var response = $"HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
                await client.SendAsync(Encoding.UTF8.GetBytes(response), SocketFlags.None, timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _stop.Dispose();
    }
}
