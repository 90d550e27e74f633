// The v5.channel.k8s.io exchange byte by byte, with a bare WebSocket client: the 101 names the subprotocol, stdout comes
// on channel 1, a ping gets its pong mid-session, [255, 0] closes the process's stdin, and the session ends with the
// Status on channel 3 followed by Close 1000.
using System.Text;

namespace Kinet.Api.Tests.Streams;

public class ChannelProtocolTests(StreamsFixture f) : IClassFixture<StreamsFixture>
{
    private const int Binary = 2, Close = 8, Ping = 9, Pong = 10;

    [Fact]
    public async Task A_v5_session_answers_pings_closes_stdin_on_request_and_ends_with_status_then_close_1000()
    {
        await using var ws = await RawWebSocket.ConnectAsync(f.Server.Port,
            "/api/v1/namespaces/default/pods/p1/exec?command=sh&command=-c&command=cat%3B+exit+5&container=c1&stdin=true&stdout=true&stderr=true",
            "v5.channel.k8s.io");
        Assert.StartsWith("HTTP/1.1 101", ws.ResponseHead);
        Assert.Contains("Sec-WebSocket-Protocol: v5.channel.k8s.io\r\n", ws.ResponseHead, StringComparison.OrdinalIgnoreCase);

        await ws.SendAsync(Binary, [0, .. "abc\n"u8]);
        var (op, stdout) = await ws.ReceiveAsync();
        Assert.Equal(Binary, op);
        Assert.Equal([1, .. "abc\n"u8], stdout);

        await ws.SendAsync(Ping, "keepalive"u8.ToArray());
        (op, var pong) = await ws.ReceiveAsync();
        Assert.Equal(Pong, op);
        Assert.Equal("keepalive"u8.ToArray(), pong);

        await ws.SendAsync(Binary, [255, 0]);
        var (opcode, status) = await ws.ReceiveAsync();
        Assert.Equal(Binary, opcode);
        Assert.Equal(3, status[0]);
        Assert.Equal("""{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: command 'sh -c cat; exit 5' exited with 5","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"5"}]}}""",
            Encoding.UTF8.GetString(status.AsSpan(1)));
        var (closeOp, closePayload) = await ws.ReceiveAsync();
        Assert.Equal(Close, closeOp);
        Assert.Equal(1000, closePayload[0] << 8 | closePayload[1]);
    }

    [Fact]
    public async Task A_zero_exit_ends_with_success_on_channel_3()
    {
        await using var ws = await RawWebSocket.ConnectAsync(f.Server.Port,
            "/api/v1/namespaces/default/pods/p1/exec?command=true&container=c1&stdout=true", "v4.channel.k8s.io");
        Assert.Contains("Sec-WebSocket-Protocol: v4.channel.k8s.io\r\n", ws.ResponseHead, StringComparison.OrdinalIgnoreCase);
        var (_, status) = await ws.ReceiveAsync();
        Assert.Equal("""{"metadata":{},"status":"Success"}""", Encoding.UTF8.GetString(status.AsSpan(1)));
        Assert.Equal(3, status[0]);
        Assert.Equal(Close, (await ws.ReceiveAsync()).Opcode);
    }
}
