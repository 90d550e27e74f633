// The real httpGet and tcpSocket probes against servers on 127.0.0.1: the status ranges, redirects, the kubelet's
// request headers, and failures worded as the kubelet words them in Unhealthy events.
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kinet.Controllers.Nodes.Lifecycle;

namespace Kinet.Controllers.Tests.Lifecycle;

public sealed class SocketProberTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly SocketProber _prober = new();

    private static HttpGetTarget Target(int port, string path = "/healthz", params KeyValuePair<string, string>[] headers) =>
        new("HTTP", "127.0.0.1", port, path, headers);

    [Theory]
    [InlineData(200, ProbeOutcome.Success)]
    [InlineData(204, ProbeOutcome.Success)]
    [InlineData(399, ProbeOutcome.Success)]
    [InlineData(400, ProbeOutcome.Failure)]
    [InlineData(500, ProbeOutcome.Failure)]
    public async Task Statuses_from_200_to_399_succeed_and_others_fail(int status, ProbeOutcome outcome)
    {
        await using var server = TinyHttpServer.Start(_ => (status, "body"));

        var result = await _prober.HttpGetAsync(Target(server.Port), Timeout, CancellationToken.None);

        Assert.Equal(outcome, result.Outcome);
        if (outcome == ProbeOutcome.Failure) Assert.Equal($"HTTP probe failed with statuscode: {status}", result.Output);
    }

    [Fact]
    public async Task Redirects_are_followed()
    {
        await using var server = TinyHttpServer.Start(path => path == "/healthz" ? (302, "Location: /real") : (path == "/real" ? 500 : 200, ""));

        var result = await _prober.HttpGetAsync(Target(server.Port), Timeout, CancellationToken.None);

        Assert.Equal("HTTP probe failed with statuscode: 500", result.Output);
        Assert.Equal(["/healthz", "/real"], server.Paths);
    }

    [Fact]
    public async Task The_request_carries_the_kubelets_user_agent_and_the_probes_headers()
    {
        await using var server = TinyHttpServer.Start(_ => (200, "ok"));

        var result = await _prober.HttpGetAsync(Target(server.Port, "/ready?x=1", new("X-Probe", "yes"), new("Host", "example.test")),
            Timeout, CancellationToken.None);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        var request = server.Requests.Single();
        Assert.StartsWith("GET /ready?x=1 HTTP/1.1\r\n", request);
        Assert.Contains("User-Agent: kube-probe/1.32\r\n", request);
        Assert.Contains("Accept: */*\r\n", request);
        Assert.Contains("X-Probe: yes\r\n", request);
        Assert.Contains("Host: example.test\r\n", request);
    }

    [Fact]
    public async Task A_refused_connection_fails_with_the_dial_error()
    {
        var port = ClosedPort();

        var http = await _prober.HttpGetAsync(Target(port), Timeout, CancellationToken.None);
        var tcp = await _prober.TcpSocketAsync("127.0.0.1", port, Timeout, CancellationToken.None);

        Assert.Equal($"Get \"http://127.0.0.1:{port}/healthz\": dial tcp 127.0.0.1:{port}: connect: connection refused", http.Output);
        Assert.Equal(ProbeOutcome.Failure, tcp.Outcome);
        Assert.Equal($"dial tcp 127.0.0.1:{port}: connect: connection refused", tcp.Output);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_within_the_timeout_fails_the_probe()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await _prober.HttpGetAsync(Target(port, "/"), TimeSpan.FromMilliseconds(200), CancellationToken.None);

        Assert.Equal($"Get \"http://127.0.0.1:{port}/\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)", result.Output);
    }

    [Fact]
    public async Task A_tcp_probe_succeeds_when_the_port_accepts()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        var result = await _prober.TcpSocketAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, Timeout, CancellationToken.None);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
    }

    [Theory]
    [InlineData("HTTP", "10.0.0.5", 80, "healthz", "http://10.0.0.5:80/healthz")]
    [InlineData("HTTPS", "10.0.0.5", 8443, "/", "https://10.0.0.5:8443/")]
    [InlineData("HTTP", "fd00::5", 80, "", "http://[fd00::5]:80")]
    public void Urls_are_formed_as_the_kubelet_forms_them(string scheme, string host, int port, string path, string url) =>
        Assert.Equal(url, new HttpGetTarget(scheme, host, port, path, []).Url);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose() => _prober.Dispose();

    // One response per connection: the status and a body, or a Location header given as the body.
    private sealed class TinyHttpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Func<string, (int Status, string Body)> _answer;
        private readonly Task _loop;

        private TinyHttpServer(Func<string, (int, string)> answer)
        {
            _answer = answer;
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public static TinyHttpServer Start(Func<string, (int Status, string Body)> answer) => new(answer);

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = new();

        public IReadOnlyList<string> Paths => Requests.Select(r => r.Split(' ')[1]).ToArray();

        private async Task LoopAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    var text = new StringBuilder();
                    while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var n = await stream.ReadAsync(buffer, _stop.Token);
                        if (n == 0) break;
                        text.Append(Encoding.ASCII.GetString(buffer, 0, n));
                    }
                    Requests.Enqueue(text.ToString());
                    var (status, body) = _answer(text.ToString().Split(' ')[1]);
                    var response = body.StartsWith("Location:", StringComparison.Ordinal)
                        ? $"HTTP/1.1 {status} X\r\n{body}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        : $"HTTP/1.1 {status} X\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested) { }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try { await _loop; } catch (Exception) { }
            _stop.Dispose();
        }
    }
}
