// The kubelet's httpGet and tcpSocket probes over real sockets (pkg/probe/http, pkg/probe/tcp): no keep-alive, TLS not
// verified, redirects followed, at most 10 KiB of body read, and failures worded as Go's net/http and net.Dial word them
// because the Unhealthy events quote them.
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kinet.Controllers.Nodes.Lifecycle;

public sealed class SocketProber : IProber, IDisposable
{
    public const string UserAgent = "kube-probe/1.32";
    private const int MaxBody = 10 * 1024;

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 10,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.Zero,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<ProbeResult> HttpGetAsync(HttpGetTarget target, TimeSpan timeout, CancellationToken ct)
    {
        var url = target.Url;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.ConnectionClose = true;
        var userAgent = false;
        var accept = false;
        foreach (var (name, value) in target.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase)) { request.Headers.Host = value; continue; }
            userAgent |= name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase);
            accept |= name.Equals("Accept", StringComparison.OrdinalIgnoreCase);
            request.Headers.TryAddWithoutValidation(name, value);
        }
        if (!userAgent) request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (!accept) request.Headers.TryAddWithoutValidation("Accept", "*/*");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var headersRead = false;
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            headersRead = true;
            var body = await ReadBodyAsync(response, deadline.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            if (code is >= 200 and < 400) return ProbeResult.Success(body);
            return ProbeResult.Failure($"HTTP probe failed with statuscode: {code}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeResult.Failure(headersRead
                ? $"Get \"{url}\": context deadline exceeded (Client.Timeout or context cancellation while reading body)"
                : $"Get \"{url}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        }
        catch (HttpRequestException e)
        {
            return ProbeResult.Failure($"Get \"{url}\": {Describe(e, target.Host, target.Port)}");
        }
    }

    public async Task<ProbeResult> TcpSocketAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var address = IPAddress.TryParse(host, out var ip) ? ip : null;
        using var socket = new Socket(address?.AddressFamily ?? AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address is not null) await socket.ConnectAsync(address, port, deadline.Token).ConfigureAwait(false);
            else await socket.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            return ProbeResult.Success();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeResult.Failure($"dial tcp {HostPort(host, port)}: i/o timeout");
        }
        catch (SocketException e)
        {
            return ProbeResult.Failure($"dial tcp {HostPort(host, port)}: {SocketText(e)}");
        }
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[MaxBody];
        var total = 0;
        int read;
        while (total < MaxBody && (read = await stream.ReadAsync(buffer.AsMemory(total), ct).ConfigureAwait(false)) > 0) total += read;
        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    private static string Describe(HttpRequestException e, string host, int port) =>
        e.InnerException is SocketException s ? $"dial tcp {HostPort(host, port)}: {SocketText(s)}" : e.Message;

    // Go's syscall texts for the errors a probe meets.
    private static string SocketText(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connect: connection refused",
        SocketError.NetworkUnreachable => "connect: network is unreachable",
        SocketError.HostUnreachable => "connect: no route to host",
        SocketError.TimedOut => "i/o timeout",
        SocketError.ConnectionReset => "read: connection reset by peer",
        _ => "connect: " + e.Message.ToLowerInvariant(),
    };

    private static string HostPort(string host, int port) => host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";

    public void Dispose() => _client.Dispose();
}
