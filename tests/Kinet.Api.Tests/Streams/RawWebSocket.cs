// A bare RFC 6455 client over TLS for checking the exec protocol byte by byte (what kubectl does not show): the 101
// headers, the messages on each channel, ping/pong, and the close code.
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Kinet.Api.Tests.Support;

namespace Kinet.Api.Tests.Streams;

public sealed class RawWebSocket : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly SslStream _ssl;

    private RawWebSocket(TcpClient tcp, SslStream ssl, string responseHead)
    {
        _tcp = tcp;
        _ssl = ssl;
        ResponseHead = responseHead;
    }

    /// <summary>The status line and headers of the server's answer to the handshake.</summary>
    public string ResponseHead { get; }

    public static async Task<RawWebSocket> ConnectAsync(int port, string pathAndQuery, string protocol)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
        var ssl = new SslStream(tcp.GetStream(), false, (_, cert, _, _) => cert is not null && cert.Issuer == TestCertificates.Ca.Subject);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        });
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {pathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {TestApiServer.Token}\r\n" +
                      $"Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {key}\r\n" +
                      $"Sec-WebSocket-Protocol: {protocol}\r\n\r\n";
        await ssl.WriteAsync(Encoding.ASCII.GetBytes(request));
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await ssl.ReadAsync(one) == 0) break;
            head.Append((char)one[0]);
        }
        return new RawWebSocket(tcp, ssl, head.ToString());
    }

    /// <summary>Sends one masked frame (as a client must).</summary>
    public async Task SendAsync(int opcode, byte[] payload)
    {
        var frame = new List<byte> { (byte)(0x80 | opcode) };
        if (payload.Length < 126) frame.Add((byte)(0x80 | payload.Length));
        else frame.AddRange([0x80 | 126, (byte)(payload.Length >> 8), (byte)payload.Length]);
        var mask = RandomNumberGenerator.GetBytes(4);
        frame.AddRange(mask);
        frame.AddRange(payload.Select((b, i) => (byte)(b ^ mask[i % 4])));
        await _ssl.WriteAsync(frame.ToArray());
    }

    /// <summary>Reads one frame: its opcode and payload (server frames are unmasked).</summary>
    public async Task<(int Opcode, byte[] Payload)> ReceiveAsync()
    {
        var h = new byte[2];
        await _ssl.ReadExactlyAsync(h);
        long length = h[1] & 0x7f;
        if (length == 126)
        {
            var l = new byte[2];
            await _ssl.ReadExactlyAsync(l);
            length = l[0] << 8 | l[1];
        }
        else if (length == 127)
        {
            var l = new byte[8];
            await _ssl.ReadExactlyAsync(l);
            length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(l);
        }
        var payload = new byte[length];
        await _ssl.ReadExactlyAsync(payload);
        return (h[0] & 0x0f, payload);
    }

    public async ValueTask DisposeAsync()
    {
        await _ssl.DisposeAsync();
        _tcp.Dispose();
    }
}
