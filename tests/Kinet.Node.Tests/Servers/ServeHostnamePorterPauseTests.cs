// agnhost serve-hostname, porter and pause in-process.
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Kinet.Node.Servers;
using Kinet.Node.Servers.Agnhost;

namespace Kinet.Node.Tests.Servers;

public sealed class ServeHostnamePorterPauseTests
{
    private readonly Loopback _loopback = new();

    private async Task<IBuiltinServer> StartAsync(string[] argv, IReadOnlyDictionary<string, string>? env = null)
    {
        Assert.True(AgnhostServer.TryParse(argv, out var invocation));
        var server = AgnhostServer.Create(invocation, _loopback.Context(env));
        await server.StartAsync(CancellationToken.None);
        return server;
    }

    [Fact]
    public async Task Serve_hostname_answers_HTTP_with_the_hostname_by_default()
    {
        var port = Loopback.FreePort();
        await using var server = await StartAsync(["serve-hostname", $"--port={port}"]);

        var answer = await Loopback.GetAsync(port, "/whatever");

        Assert.Equal((200, "web-1"), (answer.Status, answer.Body));
        Assert.Contains($"Serving on port {port}.", _loopback.Log);
        Assert.Contains("HTTP request from 127.0.0.1:", _loopback.Log);
    }

    [Fact]
    public async Task Serve_hostname_with_close_ends_each_HTTP_connection_after_one_answer()
    {
        var port = Loopback.FreePort();
        await using var server = await StartAsync(["serve-hostname", $"--port={port}", "--close"]);
        using var client = await Loopback.ConnectAsync(port);
        await client.SendAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray(), SocketFlags.None);

        Assert.Equal("close", (await Loopback.ReadOneAsync(client)).Header("Connection"));
        Assert.Equal("", await Loopback.ReadToEndAsync(client));
    }

    [Fact]
    public async Task Serve_hostname_raw_TCP_and_UDP_answer_the_hostname()
    {
        var port = Loopback.FreeTcpAndUdpPort();
        await using var server = await StartAsync(["serve-hostname", "--http=false", "--tcp", "--udp", "--port", port.ToString()]);

        Assert.Equal("web-1", await Loopback.ExchangeAsync(port, ""));
        Assert.Equal("web-1", await Loopback.UdpAsync(port, "anything at all, longer than sixteen bytes"));
    }

    [Fact]
    public async Task Serve_hostname_refuses_HTTP_together_with_raw_modes_as_upstream()
    {
        await using var server = await StartAsync(["serve-hostname", "--tcp", $"--port={Loopback.FreePort()}"]);

        Assert.Equal(1, await server.Exited.WaitAsync(Loopback.Guard));
        Assert.EndsWith("Can't server TCP/UDP mode and HTTP mode at the same time", _loopback.Log);
    }

    [Fact]
    public async Task Serve_hostname_keeps_serving_after_SIGTERM_while_it_awaits_deletion()
    {
        var port = Loopback.FreePort();
        await using var server = await StartAsync(["serve-hostname", $"--port={port}"]);

        server.Signal(PosixSignal.SIGTERM);

        Assert.Equal("web-1", (await Loopback.GetAsync(port, "/")).Body);
        Assert.False(server.Exited.IsCompleted);
        Assert.Contains("Shutting down after receiving signal: terminated.", _loopback.Log);
        Assert.Contains("Awaiting pod deletion.", _loopback.Log);
    }

    [Fact]
    public async Task Porter_serves_each_SERVE_PORT_variable_and_skips_TLS_with_a_log_line()
    {
        var (http, tcp, udp) = (Loopback.FreePort(), Loopback.FreePort(), Loopback.FreePort(SocketType.Dgram));
        var env = new Dictionary<string, string>
        {
            [$"SERVE_PORT_{http}"] = "foo",
            [$"SERVE_TCP_PORT_{tcp}"] = "bar",
            [$"SERVE_UDP_PORT_{udp}"] = "baz",
            ["SERVE_TLS_PORT_443"] = "secret",
            ["PATH"] = "/bin",
        };
        await using var server = await StartAsync(["/agnhost", "porter"], env);

        Assert.Equal("foo", (await Loopback.GetAsync(http, "/any")).Body);
        Assert.Equal("bar", (await Loopback.GetAsync(tcp, "/")).Body);
        Assert.Equal("baz", await Loopback.UdpAsync(udp, "hello"));
        Assert.Contains("kinet: porter does not serve TLS; SERVE_TLS_PORT_443 (port 443) is skipped", _loopback.Log);
        Assert.False(server.Exited.IsCompleted);
    }

    [Fact]
    public async Task Porter_json_response_wraps_the_value_with_the_method()
    {
        var port = Loopback.FreePort();
        await using var server = await StartAsync(["porter", "--json-response"], new Dictionary<string, string> { [$"SERVE_PORT_{port}"] = "foo" });

        var answer = await Loopback.RequestAsync(port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        Assert.Equal("{\"Method\":\"POST\",\"Body\":\"foo\"}", answer.Body);
        Assert.Equal("application/json", answer.Header("Content-Type"));
    }

    [Fact]
    public async Task Porter_logs_a_port_it_cannot_listen_on_and_keeps_the_others()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var busy = ((IPEndPoint)taken.LocalEndPoint!).Port;
        var free = Loopback.FreePort();
        await using var server = await StartAsync(["porter"], new Dictionary<string, string> { [$"SERVE_PORT_{busy}"] = "a", [$"SERVE_PORT_{free}"] = "b" });

        Assert.Equal("b", (await Loopback.GetAsync(free, "/")).Body);
        Assert.Contains($"server on port \"{busy}\" failed: listen tcp 0.0.0.0:{busy}: bind: address already in use", _loopback.Log);
    }

    [Theory]
    [InlineData(PosixSignal.SIGTERM, 2)]
    [InlineData(PosixSignal.SIGINT, 1)]
    [InlineData(PosixSignal.SIGHUP, 129)]
    public async Task Pause_prints_Paused_and_exits_as_its_signal_handler_says(PosixSignal signal, int code)
    {
        await using var server = await StartAsync(["pause"]);
        Assert.Equal([(ContainerStream.Stdout, "Paused")], _loopback.Lines);

        server.Signal(signal);

        Assert.Equal(code, await server.Exited.WaitAsync(Loopback.Guard));
    }

    [Fact]
    public async Task A_program_without_a_SIGTERM_handler_dies_of_it_with_143()
    {
        await using var server = await StartAsync(["porter"]);
        server.Signal(PosixSignal.SIGTERM);
        Assert.Equal(143, await server.Exited.WaitAsync(Loopback.Guard));
    }
}
