// Asks a server one question over UDP and reads the parts of the response tests look at.
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Kinet.Dns.Tests.Support;

internal sealed record DnsReply(int Rcode, int Answers, uint FirstTtl, byte[] Bytes);

internal static class UdpDns
{
    public static async Task<DnsReply> AskAsync(IPEndPoint server, string name, ushort type = 1)
    {
        using var udp = new UdpClient(AddressFamily.InterNetwork);
        var query = Query.Build(name, type);
        await udp.SendAsync(query, server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var bytes = (await udp.ReceiveAsync(timeout.Token)).Buffer;
        var answers = Query.Count(bytes, 1);
        var ttl = 0u;
        if (answers > 0)
        {
            var pos = 12;
            while (bytes[pos] != 0) pos += bytes[pos] + 1;
            pos += 5; // root, qtype, qclass
            pos += (bytes[pos] & 0xC0) == 0xC0 ? 2 : throw new InvalidOperationException("expected a compressed owner name");
            ttl = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(pos + 4));
        }
        return new DnsReply(Query.Rcode(bytes), answers, ttl, bytes);
    }
}
