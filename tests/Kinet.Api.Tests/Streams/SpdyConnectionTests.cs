// The server side of SPDY/3.1 on a loopback socket, driven with frames built by hand: SYN_STREAM with a compressed header
// block gets a SYN_REPLY, DATA reaches the stream until FIN, PING is echoed, RST_STREAM and GOAWAY end what they name.
using System.Net;
using System.Net.Sockets;
using Kinet.Api.Streams.Spdy;

namespace Kinet.Api.Tests.Streams;

public sealed class SpdyConnectionTests : IAsyncLifetime
{
    // SYN_STREAM payload headers {port: 80, requestid: 0, streamtype: error} (see ZlibTests), then {…, streamtype: data}.
    private static readonly byte[] ErrorHeaders = Convert.FromHexString("78f9e3c6a7c202253a48f95b044aab4c16064092b308125b99a054cc68004e872545a989b9d0a2863515141100000000ffff");
    private static readonly byte[] DataHeaders = Convert.FromHexString("224b2ba8944a04000000ffff");

    private TcpClient _client = null!;
    private NetworkStream _peer = null!;
    private SpdyConnection _server = null!;
    private Task _run = null!;

    public async Task InitializeAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _client = new TcpClient();
        await _client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var accepted = await listener.AcceptTcpClientAsync();
        listener.Stop();
        _peer = _client.GetStream();
        _server = new SpdyConnection(accepted.GetStream());
        _run = _server.RunAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _run;
        await _server.DisposeAsync();
    }

    private static byte[] Control(int type, byte flags, params byte[][] parts) => SpdyConnection.Control(type, flags, parts.SelectMany(p => p).ToArray());

    private static byte[] SynStream(int id, byte[] headerBlock, byte flags = 0) =>
        Control(1, flags, U32(id), U32(0), [0, 0], headerBlock);

    private static byte[] Data(int id, byte flags, byte[] payload) =>
        [.. U32(id), flags, (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];

    private static byte[] U32(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private async Task<byte[]> ReadFrameAsync()
    {
        var header = new byte[8];
        await _peer.ReadExactlyAsync(header);
        var body = new byte[header[5] << 16 | header[6] << 8 | header[7]];
        await _peer.ReadExactlyAsync(body);
        return [.. header, .. body];
    }

    [Fact]
    public async Task A_new_stream_arrives_with_its_headers_and_its_reply_is_a_syn_reply_with_an_empty_block()
    {
        await _peer.WriteAsync(SynStream(1, ErrorHeaders));
        var s = await _server.Opened.ReadAsync();
        Assert.Equal(1, s.Id);
        Assert.Equal("error", s.Header("streamtype"));
        Assert.Equal("80", s.Header("port"));
        await s.ReplyAsync();
        // 80 03 00 02, flags 0, length 20: stream id 1, then zlib header, an empty-count block stored, the sync flush.
        Assert.Equal("8003000200000014" + "00000001" + "7801" + "000400fbff00000000" + "000000ffff", Convert.ToHexString(await ReadFrameAsync()).ToLowerInvariant());
    }

    [Fact]
    public async Task Data_reaches_the_stream_until_its_fin_and_data_sent_carries_the_fin_flag()
    {
        await _peer.WriteAsync(SynStream(1, ErrorHeaders));
        await _peer.WriteAsync(SynStream(3, DataHeaders));
        _ = await _server.Opened.ReadAsync();
        var data = await _server.Opened.ReadAsync();
        Assert.Equal("data", data.Header("streamtype"));
        await _peer.WriteAsync(Data(3, 0, "GET / HTTP/1.1\r\n"u8.ToArray()));
        await _peer.WriteAsync(Data(3, 1, "\r\n"u8.ToArray()));
        Assert.Equal("GET / HTTP/1.1\r\n\r\n", await new StreamReader(data.Input).ReadToEndAsync());
        await data.WriteAsync("ok"u8.ToArray());
        await data.CloseAsync();
        Assert.Equal("00000003" + "00000002" + "6f6b", Convert.ToHexString(await ReadFrameAsync()).ToLowerInvariant());
        Assert.Equal("00000003" + "01000000", Convert.ToHexString(await ReadFrameAsync()).ToLowerInvariant());
    }

    [Fact]
    public async Task A_ping_is_echoed_with_its_id()
    {
        await _peer.WriteAsync(Control(6, 0, U32(7)));
        Assert.Equal("800300060000000400000007", Convert.ToHexString(await ReadFrameAsync()).ToLowerInvariant());
    }

    [Fact]
    public async Task A_reset_ends_the_streams_input_and_goaway_ends_the_connection()
    {
        await _peer.WriteAsync(SynStream(1, ErrorHeaders));
        var s = await _server.Opened.ReadAsync();
        await _peer.WriteAsync(Control(3, 0, U32(1), U32(5)));
        await s.Reset;
        Assert.Equal(0, await s.Input.ReadAsync(new byte[1]));
        await _peer.WriteAsync(Control(7, 0, U32(1), U32(0)));
        await _run;
        Assert.False(await _server.Opened.WaitToReadAsync());
    }
}
