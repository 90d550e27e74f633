// agnhost netexec in-process: its HTTP endpoints, /dial to another netexec (HTTP and UDP), the UDP commands,
// /exit and /shutdown, and the signal behaviour the terminating-endpoint tests rely on.
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Kinet.Node.Servers;
using Kinet.Node.Servers.Agnhost;

namespace Kinet.Node.Tests.Servers;

public sealed class NetexecTests
{
    private readonly Loopback _loopback = new();

    private async Task<(IBuiltinServer Server, int HttpPort, int UdpPort)> StartAsync(params string[] extra)
    {
        var (http, udp) = (Loopback.FreePort(), Loopback.FreePort(SocketType.Dgram));
        Assert.True(AgnhostServer.TryParse(["/agnhost", "netexec", $"--http-port={http}", "--udp-port", udp.ToString(), .. extra], out var invocation));
        var server = AgnhostServer.Create(invocation, _loopback.Context());
        await server.StartAsync(CancellationToken.None);
        return (server, http, udp);
    }

    [Theory]
    [InlineData("/echo?msg=hello+world%21", 200, "hello world!")]
    [InlineData("/echo?msg=gone&code=404", 404, "gone")]
    [InlineData("/echo?msg=dropped&code=204", 204, "")] // Go sends no body with 204
    [InlineData("/echo?msg=x&code=abc", 200, "argument 'code' must be an integer or empty, got \"abc\"\n")]
    [InlineData("/hostname", 200, "web-1")]
    [InlineData("/hostName", 200, "web-1")]
    [InlineData("/healthz", 200, "")]
    [InlineData("/readyz", 200, "ok")]
    [InlineData("/header?key=x-test", 200, "yes")]
    [InlineData("/header", 200, "{\"Connection\":[\"close\"],\"X-Test\":[\"yes\"]}")]
    [InlineData("/dial?host=127.0.0.1&port=1", 400, "request parameter not specified. <nil>\n")]
    [InlineData("/dial?request=x&tries=many", 400, "tries parameter is invalid. strconv.Atoi: parsing \"many\": invalid syntax\n")]
    [InlineData("/dial?request=x&protocol=quic", 400, "unsupported protocol. quic\n")]
    [InlineData("/exit?code=nope", 200, "argument 'code' must be an integer [0-127] or empty, got \"nope\"\n")]
    [InlineData("/upload", 200, "{\"error\":\"Unable to upload file.\"}")]
    [InlineData("/shell?cmd=id", 200, "{\"error\":\"fork/exec /bin/sh: kinet's built-in netexec has no shell in this container\"}")]
    public async Task Endpoints_answer_as_upstream_netexec(string target, int status, string body)
    {
        var (server, port, _) = await StartAsync();
        await using var _ = server;

        var answer = await Loopback.RequestAsync(port, $"GET {target} HTTP/1.1\r\nHost: x\r\nX-Test: yes\r\nConnection: close\r\n\r\n");

        Assert.Equal((status, body), (answer.Status, answer.Body));
        Assert.False(server.Exited.IsCompleted);
    }

    [Fact]
    public async Task Root_answers_the_time_and_clientip_the_address_the_request_came_from()
    {
        var (server, port, _) = await StartAsync();
        await using var _ = server;
        using var client = await Loopback.ConnectAsync(port);
        await client.SendAsync(Encoding.ASCII.GetBytes("GET /clientip HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"), SocketFlags.None);

        Assert.Equal(client.LocalEndPoint!.ToString(), (await Loopback.ReadOneAsync(client)).Body);
        Assert.Matches(@"^NOW: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC$", (await Loopback.ReadOneAsync(client)).Body);
        Assert.Contains("GET /clientip", _loopback.Log);
    }

    [Fact]
    public async Task Dial_over_HTTP_reaches_another_netexec_and_collects_every_try()
    {
        var (server, port, _) = await StartAsync();
        await using var _ = server;
        var (other, otherPort, _) = await new NetexecTests().StartAsync();
        await using var __ = other;

        var answer = await Loopback.GetAsync(port, $"/dial?request=hostname&protocol=http&host=127.0.0.1&port={otherPort}&tries=3");

        Assert.Equal(200, answer.Status);
        Assert.Equal("{\"responses\":[\"web-1\",\"web-1\",\"web-1\"]}", answer.Body);
    }

    [Fact]
    public async Task Dial_over_UDP_sends_the_request_as_a_datagram()
    {
        var (server, port, _) = await StartAsync();
        await using var _ = server;
        var (other, _, otherUdp) = await new NetexecTests().StartAsync();
        await using var __ = other;

        var answer = await Loopback.GetAsync(port, $"/dial?request=echo%20Hello&protocol=udp&host=127.0.0.1&port={otherUdp}&tries=2");

        Assert.Equal("{\"responses\":[\"hello\",\"hello\"]}", answer.Body); // upstream lower-cases what it receives
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n", "hello world")]
    [InlineData("HTTP/1.0 200 OK\r\n\r\nuntil close", "until close")]
    [InlineData("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope", "nope")]
    public async Task Dial_reads_every_HTTP_body_framing_and_keeps_the_body_whatever_the_status(string wire, string body)
    {
        var (server, port, _) = await StartAsync();
        await using var _ = server;
        using var fake = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        fake.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        fake.Listen();
        var serving = Task.Run(async () =>
        {
            using var peer = await fake.AcceptAsync();
            var request = new byte[4096];
            var n = await peer.ReceiveAsync(request, SocketFlags.None);
            await peer.SendAsync(Encoding.ASCII.GetBytes(wire), SocketFlags.None);
            peer.Shutdown(SocketShutdown.Send);
            return Encoding.ASCII.GetString(request, 0, n);
        });

        var answer = await Loopback.GetAsync(port, $"/dial?request=path%3Fq%3D1&host=127.0.0.1&port={((IPEndPoint)fake.LocalEndPoint!).Port}");

        Assert.Equal($"{{\"responses\":[\"{body}\"]}}", answer.Body);
        Assert.StartsWith("GET /path?q=1 HTTP/1.1\r\nHost: 127.0.0.1:", await serving.WaitAsync(Loopback.Guard));
    }

    [Fact]
    public async Task Dial_to_a_closed_port_reports_Gos_error_for_each_try()
    {
        var (server, port, _) = await StartAsync();
        await using var _ = server;
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // bound, never listening: connections are refused
        var closedPort = ((IPEndPoint)closed.LocalEndPoint!).Port;

        var answer = await Loopback.GetAsync(port, $"/dial?request=hostname&host=127.0.0.1&port={closedPort}&tries=2");

        var error = $"Get \\\"http://127.0.0.1:{closedPort}/hostname\\\": dial tcp 127.0.0.1:{closedPort}: connect: connection refused";
        Assert.Equal($"{{\"errors\":[\"{error}\",\"{error}\"]}}", answer.Body);
    }

    [Theory]
    [InlineData("hostname", "web-1")]
    [InlineData("echo Some Words", "some words")]
    [InlineData("  HOSTNAME\n", "web-1")]
    public async Task The_UDP_server_answers_its_commands(string command, string expected)
    {
        var (server, _, udp) = await StartAsync();
        await using var _ = server;
        Assert.Equal(expected, await Loopback.UdpAsync(udp, command));
    }

    [Fact]
    public async Task The_UDP_clientip_command_answers_the_senders_address()
    {
        var (server, _, udp) = await StartAsync();
        await using var _ = server;
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, udp));
        await socket.SendAsync("clientip"u8.ToArray(), SocketFlags.None);
        var buffer = new byte[100];
        var n = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Loopback.Guard);
        Assert.Equal(socket.LocalEndPoint!.ToString(), Encoding.UTF8.GetString(buffer, 0, n));
    }

    [Fact]
    public async Task Exit_with_a_timeout_answers_then_exits_with_the_code_and_closes_its_ports()
    {
        var (server, port, udp) = await StartAsync();
        await using var _ = server;

        var answer = await Loopback.GetAsync(port, "/exit?code=3&timeout=1s");

        Assert.Equal(200, answer.Status);
        Assert.Equal(3, await server.Exited.WaitAsync(Loopback.Guard));
        Assert.Equal([3], _loopback.Exits);
        Assert.Contains("Will begin shutdown in 0s, allowing 1s for connections to close, then will exit with 3", _loopback.Log);
        await Assert.ThrowsAsync<SocketException>(() => Loopback.ConnectAsync(port));
        using var rebind = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rebind.Bind(new IPEndPoint(IPAddress.Loopback, udp)); // the UDP port is free again
    }

    [Theory]
    [InlineData("/exit?code=7", 7)]
    [InlineData("/shutdown", 0)]
    public async Task Exit_without_a_timeout_and_shutdown_die_at_once_without_answering(string target, int code)
    {
        var (server, port, _) = await StartAsync();
        await using var _ = server;

        var raw = await Loopback.ExchangeAsync(port, $"GET {target} HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.Equal("", raw);
        Assert.Equal(code, await server.Exited.WaitAsync(Loopback.Guard));
    }

    [Fact]
    public async Task SIGTERM_with_delay_shutdown_turns_readyz_to_503_and_keeps_serving_until_the_delay_ends()
    {
        var (server, port, _) = await StartAsync("--delay-shutdown=3600");
        await using var _ = server;

        server.Signal(PosixSignal.SIGTERM);

        var readyz = await Loopback.GetAsync(port, "/readyz");
        Assert.Equal((503, "shutting down"), (readyz.Status, readyz.Body));
        Assert.Equal(200, (await Loopback.GetAsync(port, "/healthz")).Status);
        Assert.False(server.Exited.IsCompleted);
        Assert.Contains("Sleeping 3600 seconds before terminating...", _loopback.Log);
    }

    [Fact]
    public async Task SIGTERM_without_delay_exits_0()
    {
        var (server, _, _) = await StartAsync();
        await using var _ = server;
        server.Signal(PosixSignal.SIGTERM);
        Assert.Equal(0, await server.Exited.WaitAsync(Loopback.Guard));
    }

    [Fact]
    public async Task Without_a_UDP_server_healthz_says_412_as_upstream_does()
    {
        var (server, port, _) = await StartAsync("--udp-port=-1");
        await using var _ = server;
        Assert.Equal(412, (await Loopback.GetAsync(port, "/healthz")).Status);
    }

    [Fact]
    public async Task Http_override_serves_every_request_as_the_given_path()
    {
        var (server, port, _) = await StartAsync("--http-override=/echo?msg=fixed");
        await using var _ = server;
        Assert.Equal("fixed", (await Loopback.GetAsync(port, "/anything/else")).Body);
    }

    [Fact]
    public async Task Shell_runs_through_the_containers_shell_when_the_daemon_provides_one()
    {
        var (http, udp) = (Loopback.FreePort(), Loopback.FreePort(SocketType.Dgram));
        Assert.True(AgnhostServer.TryParse(["netexec", $"--http-port={http}", $"--udp-port={udp}"], out var invocation));
        await using var server = AgnhostServer.Create(invocation, _loopback.Context() with
        {
            Shell = (cmd, _) => Task.FromResult(new ShellResult($"ran {cmd}\n", cmd == "false" ? 1 : 0)),
        });
        await server.StartAsync(CancellationToken.None);

        Assert.Equal("{\"output\":\"ran echo hi\\n\"}", (await Loopback.GetAsync(http, "/shell?cmd=echo+hi")).Body);
        Assert.Equal("{\"error\":\"exit status 1\",\"output\":\"ran false\\n\"}", (await Loopback.GetAsync(http, "/shell?shellCommand=false")).Body);
    }

    [Theory]
    [InlineData("GET /\r\n\r\n", "HTTP/1.1 400 Bad Request\r\n")]
    [InlineData("GET / HTTP/2.0\r\nHost: x\r\n\r\n", "HTTP/1.1 505 HTTP Version Not Supported: unsupported protocol version\r\n")]
    [InlineData("hello\r\n\r\n", "HTTP/1.1 400 Bad Request\r\n")]
    [InlineData("G\u00e9T / HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 400 Bad Request: invalid method\r\n")]
    public async Task Request_lines_that_are_not_HTTP_1_x_are_refused_and_the_server_lives_on(string request, string statusLine)
    {
        var (server, port, _) = await StartAsync();
        await using var _ = server;
        Assert.StartsWith(statusLine, await Loopback.ExchangeAsync(port, request));
        Assert.Equal(200, (await Loopback.GetAsync(port, "/hostname")).Status);
    }

    [Fact]
    public async Task An_HTTP_port_in_use_makes_netexec_exit_1_with_Gos_listen_error()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        Assert.True(AgnhostServer.TryParse(["netexec", $"--http-port={port}", "--udp-port=-1"], out var invocation));
        await using var server = AgnhostServer.Create(invocation, _loopback.Context());

        await server.StartAsync(CancellationToken.None);

        Assert.Equal(1, await server.Exited.WaitAsync(Loopback.Guard));
        Assert.Matches($@"^\d{{4}}/\d\d/\d\d \d\d:\d\d:\d\d listen tcp :{port}: bind: address already in use$", _loopback.Lines.Last().Line);
    }
}
