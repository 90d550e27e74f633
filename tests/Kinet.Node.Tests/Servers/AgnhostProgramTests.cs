// `kinet agnhost ...` as a process runs it: connect's exit codes and stderr words (which the NetworkPolicy e2e tests
// read) against an open port, a closed port and a blackhole; the servers run until they exit; cobra's errors.
using System.Net;
using System.Net.Sockets;
using Kinet.Node.Servers;
using Kinet.Node.Servers.Agnhost;
using Kinet.Node.Servers.Responder;

namespace Kinet.Node.Tests.Servers;

public sealed class AgnhostProgramTests
{
    private readonly Loopback _loopback = new();

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await AgnhostProgram.RunAsync(args, _loopback.Context(), stdout, stderr, handleSignals: false, CancellationToken.None)
            .WaitAsync(Loopback.Guard);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Connect_to_an_open_port_exits_0_and_prints_nothing()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();

        Assert.Equal((0, "", ""), await RunAsync("connect", listener.LocalEndPoint!.ToString()!, "--timeout=5s"));
    }

    [Fact]
    public async Task Connect_to_a_closed_port_says_REFUSED()
    {
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // bound but not listening: the kernel answers with a reset

        Assert.Equal((1, "", "REFUSED\n"), await RunAsync("/agnhost", "connect", closed.LocalEndPoint!.ToString()!, "--timeout=5s"));
    }

    [Fact]
    public async Task Connect_to_a_listener_with_a_full_backlog_says_TIMEOUT()
    {
        // Linux drops a SYN when the listener's accept queue is full, as a NetworkPolicy drop does: the client retries
        // until its --timeout. Backlog 0 holds one connection; wait until the kernel has queued the filler's.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        using var filler = await Loopback.ConnectAsync(((IPEndPoint)listener.LocalEndPoint!).Port);
        while (AcceptQueueLength(listener) < 1) await Task.Yield();

        Assert.Equal((1, "", "TIMEOUT\n"), await RunAsync("connect", listener.LocalEndPoint.ToString()!, "--timeout=200ms"));
    }

    [Theory]
    [InlineData("no-port-here", "UNKNOWN: address no-port-here: missing port in address\n")]
    [InlineData("127.0.0.1:1 --protocol=carrier-pigeon", "Unsupported protocol\ncarrier-pigeon")]
    public async Task Connect_reports_bad_destinations_as_upstream(string args, string stderr)
    {
        Assert.Equal((1, "", stderr), await RunAsync(["connect", .. args.Split(' ')]));
    }

    [Fact]
    public async Task Connect_over_UDP_succeeds_when_an_answer_comes_back()
    {
        var port = Loopback.FreePort(SocketType.Dgram);
        await using var echo = new BuiltinResponder(_loopback.Context(), [new ServedPort(port, PortProtocol.Udp)]);
        await echo.StartAsync(CancellationToken.None);

        Assert.Equal((0, "", ""), await RunAsync("connect", $"127.0.0.1:{port}", "--protocol=udp", "--timeout=5s"));
    }

    [Fact]
    public async Task Connect_over_UDP_says_REFUSED_when_the_port_is_closed_and_TIMEOUT_when_nobody_answers()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // receives, never answers
        var closedPort = Loopback.FreePort(SocketType.Dgram);

        var refused = await RunAsync("connect", $"127.0.0.1:{closedPort}", "--protocol=udp", "--timeout=5s");
        var timeout = await RunAsync("connect", silent.LocalEndPoint!.ToString()!, "--protocol=udp", "--timeout=200ms");

        Assert.Equal(1, refused.Code);
        Assert.Matches($@"^REFUSED: read udp 127\.0\.0\.1:\d+->127\.0\.0\.1:{closedPort}: read: connection refused\n$", refused.Stderr);
        Assert.Equal(1, timeout.Code);
        Assert.Matches($@"^TIMEOUT: read udp 127\.0\.0\.1:\d+->{silent.LocalEndPoint}: i/o timeout\n$", timeout.Stderr);
    }

    [Theory]
    [InlineData("frobnicate", "Error: unknown command \"frobnicate\" for \"app\"\nRun 'agnhost --help' for usage.\n")]
    [InlineData("liveness", "Error: agnhost subcommand \"liveness\" is not built into kinet (it has: connect, netexec, pause, porter, serve-hostname)\nRun 'agnhost --help' for usage.\n")]
    [InlineData("connect", "Error: accepts 1 arg(s), received 0\nRun 'agnhost connect --help' for usage.\n")]
    [InlineData("pause now", "Error: accepts at most 0 arg(s), received 1\nRun 'agnhost pause --help' for usage.\n")]
    [InlineData("netexec --nope", "Error: unknown flag: --nope\nRun 'agnhost netexec --help' for usage.\n")]
    public async Task Command_line_mistakes_exit_1_with_cobras_error(string args, string stderr)
    {
        Assert.Equal((1, "", stderr), await RunAsync(args.Split(' ')));
    }

    [Fact]
    public async Task Netexec_over_TLS_fails_rather_than_serve_plain_HTTP()
    {
        var (code, _, stderr) = await RunAsync("netexec", "--tls-cert-file=/localhost.crt", $"--http-port={Loopback.FreePort()}");
        Assert.Equal(1, code);
        Assert.EndsWith("kinet: netexec over TLS (--tls-cert-file) is not built into kinet\n", stderr);
    }

    [Fact]
    public async Task Without_a_subcommand_it_lists_what_it_has()
    {
        var (code, stdout, _) = await RunAsync();
        Assert.Equal(0, code);
        Assert.Contains("netexec", stdout);
        Assert.Contains("connect", stdout);
    }

    [Fact]
    public async Task A_server_runs_until_it_exits_and_its_log_goes_to_stderr()
    {
        var (http, udp) = (Loopback.FreePort(), Loopback.FreePort(SocketType.Dgram));
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var run = AgnhostProgram.RunAsync(["netexec", $"--http-port={http}", $"--udp-port={udp}"], _loopback.Context(), stdout, stderr, false, CancellationToken.None);

        Assert.Equal("web-1", await RetryGetAsync(http, "/hostname"));
        var raw = await Loopback.ExchangeAsync(http, "GET /exit?code=42 HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.Equal(42, await run.WaitAsync(Loopback.Guard));
        Assert.Equal("", raw);
        Assert.Contains($"Started HTTP server on port {http}", stderr.ToString());
        Assert.Empty(_loopback.Lines); // the program's own writers got the output, not the context's sink
    }

    /// <summary>The program binds in the background of RunAsync; a refused connect means "not yet".</summary>
    private static async Task<string> RetryGetAsync(int port, string path)
    {
        while (true)
        {
            try
            {
                return (await Loopback.GetAsync(port, path)).Body;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                await Task.Yield();
            }
        }
    }

    /// <summary>tcp_info.tcpi_unacked of a listening socket is its accept queue length (Linux).</summary>
    private static int AcceptQueueLength(Socket listener)
    {
        var info = new byte[232];
        listener.GetRawSocketOption(6 /* IPPROTO_TCP */, 11 /* TCP_INFO */, info);
        return BitConverter.ToInt32(info, 24);
    }
}
