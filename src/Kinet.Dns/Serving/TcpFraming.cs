// DNS over TCP frames each message with a 2-byte big-endian length (RFC 1035 §4.2.2).
using System.Net.Sockets;

namespace Kinet.Dns.Serving;

internal static class TcpFraming
{
    /// <summary>Fills <paramref name="buffer"/>; false when the peer closed first.</summary>
    public static async ValueTask<bool> ReadExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken ct)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None, ct);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }
}
