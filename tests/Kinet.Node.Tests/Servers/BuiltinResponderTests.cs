// The responder behind images without a profile: identity over HTTP (with the client address it saw), echo for
// other TCP bytes and for UDP, HTTP/1.x keep-alive rules, robustness against malformed requests, and closing.
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Kinet.Node.Servers;
using Kinet.Node.Servers.Responder;

namespace Kinet.Node.Tests.Servers;

public sealed class BuiltinResponderTests
{
    private readonly Loopback _loopback = new();

    private async Task<(BuiltinResponder Server, int Port)> StartAsync(PortProtocol protocol = PortProtocol.Tcp)
    {
        var port = protocol == PortProtocol.Udp ? Loopback.FreePort(SocketType.Dgram) : Loopback.FreePort();
        var server = new BuiltinResponder(_loopback.Context(), [new ServedPort(port, protocol)]);
        await server.StartAsync(CancellationToken.None);
        return (server, port);
    }

    [Fact]
    public async Task An_HTTP_request_gets_the_pods_identity_and_the_client_address_it_came_from()
    {
        var (server, port) = await StartAsync();
        await using var _ = server;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await client.SendAsync(Encoding.ASCII.GetBytes("GET /anything?x=1 HTTP/1.1\r\nHost: web\r\n\r\n"), SocketFlags.None);

        var answer = await Loopback.ReadOneAsync(client);

        Assert.Equal("HTTP/1.1 200 OK", answer.StatusLine);
        Assert.Equal("text/plain; charset=utf-8", answer.Header("Content-Type"));
        Assert.Equal(
            "pod: web-1\nnamespace: shop\npod IP: 10.244.1.7\nnode: kinet-worker\nhostname: web-1\n" +
            $"server: 127.0.0.1:{port}\nclient: {client.LocalEndPoint}\n", answer.Body);
    }

    [Fact]
    public async Task Each_HTTP_request_leaves_an_access_log_line_on_stdout()
    {
        var (server, port) = await StartAsync();
        await using var _ = server;

        await Loopback.GetAsync(port, "/x?y=1");

        var (stream, line) = Assert.Single(_loopback.Lines, l => l.Stream == ContainerStream.Stdout);
        Assert.Matches(@"^127\.0\.0\.1:\d+ ""GET /x\?y=1 HTTP/1\.1"" 200$", line);
    }

    [Fact]
    public async Task A_port_whose_protocol_the_kernel_lacks_does_not_stop_the_other_ports()
    {
        var port = Loopback.FreePort();
        await using var server = new BuiltinResponder(_loopback.Context(), [new ServedPort(Loopback.FreePort(), PortProtocol.Sctp), new ServedPort(port)]);
        await server.StartAsync(CancellationToken.None);

        Assert.Equal(200, (await Loopback.GetAsync(port, "/")).Status);
        Assert.False(server.Exited.IsCompleted);
    }

    [Fact]
    public async Task Disposing_is_a_kill_that_completes_Exited_with_137_without_requesting_an_exit()
    {
        var (server, _) = await StartAsync();

        await server.DisposeAsync();

        Assert.Equal(137, await server.Exited.WaitAsync(Loopback.Guard));
        Assert.Empty(_loopback.Exits);
    }

    [Fact]
    public async Task HEAD_gets_the_headers_of_GET_and_no_body()
    {
        var (server, port) = await StartAsync();
        await using var _ = server;
        using var client = await Loopback.ConnectAsync(port);
        await client.SendAsync(Encoding.ASCII.GetBytes("HEAD / HTTP/1.1\r\nHost: web\r\n\r\nGET / HTTP/1.1\r\nHost: web\r\n\r\n"), SocketFlags.None);

        var head = await Loopback.ReadOneAsync(client, head: true);
        var get = await Loopback.ReadOneAsync(client);

        Assert.Equal(200, head.Status);
        Assert.Equal(Encoding.UTF8.GetByteCount(get.Body).ToString(), head.Header("Content-Length"));
        Assert.StartsWith("pod: web-1", get.Body); // the GET right after shows the HEAD left no body on the wire
    }

    [Fact]
    public async Task One_HTTP_1_1_connection_serves_requests_until_the_client_says_close()
    {
        var (server, port) = await StartAsync();
        await using var _ = server;
        using var client = await Loopback.ConnectAsync(port);
        for (var i = 0; i < 3; i++)
        {
            await client.SendAsync(Encoding.ASCII.GetBytes($"GET /{i} HTTP/1.1\r\nHost: web\r\n\r\n"), SocketFlags.None);
            var answer = await Loopback.ReadOneAsync(client);
            Assert.Equal(200, answer.Status);
            Assert.Null(answer.Header("Connection"));
        }
        await client.SendAsync(Encoding.ASCII.GetBytes("GET /last HTTP/1.1\r\nHost: web\r\nConnection: close\r\n\r\n"), SocketFlags.None);
        var last = await Loopback.ReadOneAsync(client);

        Assert.Equal("close", last.Header("Connection"));
        Assert.Equal("", await Loopback.ReadToEndAsync(client)); // and the server closed it
    }

    [Theory]
    [InlineData("GET / HTTP/1.0\r\n\r\n", "close", true)]
    [InlineData("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", "keep-alive", false)]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "close", true)]
    public async Task Keep_alive_follows_the_request_version_and_Connection_header(string request, string connection, bool closes)
    {
        var (server, port) = await StartAsync();
        await using var _ = server;
        using var client = await Loopback.ConnectAsync(port);
        await client.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None);

        var answer = await Loopback.ReadOneAsync(client);
        Assert.Equal(connection, answer.Header("Connection"));
        if (closes)
        {
            Assert.Equal("", await Loopback.ReadToEndAsync(client));
        }
        else
        {
            await client.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None);
            Assert.Equal(200, (await Loopback.ReadOneAsync(client)).Status);
        }
    }

    [Fact]
    public async Task Request_bodies_are_skipped_so_the_next_request_on_the_connection_is_read_whole()
    {
        var (server, port) = await StartAsync();
        await using var _ = server;
        using var client = await Loopback.ConnectAsync(port);
        await client.SendAsync(Encoding.ASCII.GetBytes(
            "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world" +
            "PUT /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" +
            "GET /c HTTP/1.1\r\nHost: x\r\n\r\n"), SocketFlags.None);

        for (var i = 0; i < 3; i++) Assert.Equal(200, (await Loopback.ReadOneAsync(client)).Status);
    }

    [Theory]
    [InlineData("hello\n")]
    [InlineData("HELLO there\r\n")]
    [InlineData("GET\n")] // a method alone is not HTTP
    [InlineData("\u0001\u0002binary\u00ff")]
    [InlineData("GET /\r\n")] // HTTP/0.9 is not HTTP/1.x
    [InlineData("GET / HTTP/2.0\r\n")]
    public async Task Bytes_that_are_not_HTTP_are_echoed(string text)
    {
        var (server, port) = await StartAsync();
        await using var _ = server;
        using var client = await Loopback.ConnectAsync(port);
        var bytes = Encoding.Latin1.GetBytes(text);
        await client.SendAsync(bytes, SocketFlags.None);
        var echoed = new byte[bytes.Length];
        for (var read = 0; read < bytes.Length;) read += await client.ReceiveAsync(echoed.AsMemory(read), SocketFlags.None);
        Assert.Equal(bytes, echoed);

        await client.SendAsync("more"u8.ToArray(), SocketFlags.None);
        client.Shutdown(SocketShutdown.Send);
        Assert.Equal("more", await Loopback.ReadToEndAsync(client));
    }

    [Fact]
    public async Task UDP_datagrams_are_echoed()
    {
        var (server, port) = await StartAsync(PortProtocol.Udp);
        await using var _ = server;
        Assert.Equal("ping 1", await Loopback.UdpAsync(port, "ping 1"));
        Assert.Equal("ping 2", await Loopback.UdpAsync(port, "ping 2"));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 400 Bad Request: missing required Host header")]
    [InlineData("GET / HTTP/1.1\r\nHost x\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    [InlineData("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -4\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    [InlineData("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    [InlineData("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", "HTTP/1.1 501 Not Implemented: unsupported transfer encoding")]
    [InlineData("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "HTTP/1.1 400 Bad Request")]
    [InlineData("GET %%% HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    public async Task A_malformed_request_gets_Gos_refusal_and_the_server_keeps_serving(string request, string statusLine)
    {
        var (server, port) = await StartAsync();
        await using var _ = server;

        var raw = await Loopback.ExchangeAsync(port, request);

        Assert.StartsWith(statusLine + "\r\n", raw);
        Assert.Equal(200, (await Loopback.GetAsync(port, "/")).Status);
        Assert.False(server.Exited.IsCompleted);
    }

    [Fact]
    public async Task A_head_larger_than_Gos_limit_gets_431()
    {
        var (server, port) = await StartAsync();
        await using var _ = server;
        var big = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + new string('a', 1_200_000) + "\r\n\r\n";

        var raw = await Loopback.ExchangeAsync(port, big);

        Assert.StartsWith("HTTP/1.1 431 Request Header Fields Too Large", raw);
        Assert.Equal(200, (await Loopback.GetAsync(port, "/")).Status);
    }

    [Fact]
    public async Task An_endless_chunk_size_line_gets_400()
    {
        var (server, port) = await StartAsync();
        await using var _ = server;

        var raw = await Loopback.ExchangeAsync(port, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + new string('1', 10_000) + "\r\n");

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", raw);
        Assert.Equal(200, (await Loopback.GetAsync(port, "/")).Status);
    }

    [Fact]
    public async Task Clients_that_hang_up_mid_request_do_not_disturb_the_server()
    {
        var (server, port) = await StartAsync();
        await using var _ = server;
        foreach (var partial in new[] { "GET / HT", "GET / HTTP/1.1\r\nHost: x\r\n", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc" })
        {
            using var client = await Loopback.ConnectAsync(port);
            await client.SendAsync(Encoding.ASCII.GetBytes(partial), SocketFlags.None);
            client.LingerState = new LingerOption(true, 0); // reset rather than close politely
        }
        Assert.Equal(200, (await Loopback.GetAsync(port, "/")).Status);
    }

    [Fact]
    public async Task Stopping_the_server_closes_its_listener_and_open_connections()
    {
        var (server, port) = await StartAsync();
        using var open = await Loopback.ConnectAsync(port);
        await open.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), SocketFlags.None);
        await Loopback.ReadOneAsync(open); // the connection is now idle in keep-alive

        await server.DisposeAsync();

        Assert.Equal("", await Loopback.ReadToEndAsync(open));
        var refused = await Assert.ThrowsAsync<SocketException>(() => Loopback.ConnectAsync(port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task SIGTERM_ends_the_responder_with_0_and_closes_its_ports()
    {
        var (server, port) = await StartAsync();
        await using var _ = server;

        server.Signal(PosixSignal.SIGTERM);

        Assert.Equal(0, await server.Exited.WaitAsync(Loopback.Guard));
        Assert.Equal([0], _loopback.Exits);
        await Assert.ThrowsAsync<SocketException>(() => Loopback.ConnectAsync(port));
    }

    [Fact]
    public async Task A_port_already_in_use_makes_the_program_exit_1_with_the_reason_in_its_log()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        await using var server = new BuiltinResponder(_loopback.Context(), [new ServedPort(port)]);

        await server.StartAsync(CancellationToken.None);

        Assert.Equal(1, await server.Exited.WaitAsync(Loopback.Guard));
        Assert.Contains("cannot listen: address already in use", _loopback.Log);
    }
}
