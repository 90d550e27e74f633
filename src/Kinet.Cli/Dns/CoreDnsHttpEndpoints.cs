// The HTTP side of a coredns pod, as the kubeadm Corefile enables it: `health` on :8080 (/health → 200 "OK", the
// liveness probe), `ready` on :8181 (/ready → 200 "OK" once the kubernetes plugin has synced, else 503 with the
// plugins that are not ready) and `prometheus` on :9153 (/metrics: build info only). One request per connection,
// read up to the end of its head, answered and closed: enough for the kubelet's probes and curl.
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kinet.Cli.Dns;

internal sealed class CoreDnsHttpEndpoints : IAsyncDisposable
{
    public const int HealthPort = 8080;
    public const int ReadyPort = 8181;
    public const int MetricsPort = 9153;
    private const int MaxHead = 16 * 1024;

    private readonly List<Socket> _listeners = [];
    private readonly CancellationTokenSource _cts = new();
    private readonly Func<bool> _ready;

    private CoreDnsHttpEndpoints(Func<bool> ready) => _ready = ready;

    /// <summary>Binds all three ports now (throws SocketException when one is taken) and serves in the background.</summary>
    public static CoreDnsHttpEndpoints Start(Func<AddressFamily, SocketType, ProtocolType, Socket> factory, IPAddress address,
        Func<bool> ready, int healthPort = HealthPort, int readyPort = ReadyPort, int metricsPort = MetricsPort)
    {
        var endpoints = new CoreDnsHttpEndpoints(ready);
        try
        {
            foreach (var port in new[] { healthPort, readyPort, metricsPort })
            {
                var socket = factory(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                endpoints._listeners.Add(socket);
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.Bind(new IPEndPoint(address, port));
                socket.Listen(128);
            }
        }
        catch
        {
            endpoints.CloseAll();
            throw;
        }
        foreach (var listener in endpoints._listeners) _ = endpoints.AcceptAsync(listener);
        return endpoints;
    }

    public IReadOnlyList<int> Ports => _listeners.Select(s => ((IPEndPoint)s.LocalEndPoint!).Port).ToList();

    /// <summary>The status and body for a path on a port (kept apart from the sockets for tests).</summary>
    internal (int Status, string Body) Answer(int portIndex, string path)
    {
        return (portIndex, path) switch
        {
            (0, "/health") => (200, "OK"),
            (1, "/ready") => _ready() ? (200, "OK") : (503, "kubernetes\n"),
            (2, "/metrics") => (200, $"# HELP coredns_build_info A metric with a constant '1' value labeled by version, revision, and goversion from which CoreDNS was built.\n# TYPE coredns_build_info gauge\ncoredns_build_info{{goversion=\"go1.21.11\",revision=\"a6338e9\",version=\"1.11.3\"}} 1\n"),
            _ => (404, "404 page not found\n"),
        };
    }

    private async Task AcceptAsync(Socket listener)
    {
        var index = _listeners.IndexOf(listener);
        while (!_cts.IsCancellationRequested)
        {
            Socket connection;
            try { connection = await listener.AcceptAsync(_cts.Token); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException) { return; }
            _ = ServeAsync(connection, index);
        }
    }

    private async Task ServeAsync(Socket connection, int index)
    {
        using (connection)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_cts.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var head = await ReadHeadAsync(connection, timeout.Token);
                if (head is null) return;
                var requestLine = head[..Math.Max(0, head.IndexOf('\r'))].Split(' ');
                if (requestLine.Length < 2) return;
                var path = requestLine[1];
                var q = path.IndexOf('?');
                if (q >= 0) path = path[..q];
                var (status, body) = Answer(index, path);
                var reason = status switch { 200 => "OK", 503 => "Service Unavailable", _ => "Not Found" };
                var bytes = Encoding.UTF8.GetBytes(body);
                var response = Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
                await connection.SendAsync(response, SocketFlags.None, timeout.Token);
                if (requestLine[0] != "HEAD") await connection.SendAsync(bytes, SocketFlags.None, timeout.Token);
                connection.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException) { }
        }
    }

    private static async Task<string?> ReadHeadAsync(Socket connection, CancellationToken ct)
    {
        var buffer = new byte[MaxHead];
        var count = 0;
        while (count < buffer.Length)
        {
            var n = await connection.ReceiveAsync(buffer.AsMemory(count), SocketFlags.None, ct);
            if (n == 0) return null;
            count += n;
            var text = Encoding.ASCII.GetString(buffer, 0, count);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal)) return text;
        }
        return null;
    }

    private void CloseAll()
    {
        foreach (var s in _listeners) s.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _cts.Cancel();
        CloseAll();
        return ValueTask.CompletedTask;
    }
}
