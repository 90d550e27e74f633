// Truncation (RFC 2181 §9, RFC 6891 §7): a response too large for the transport keeps its header and question, drops
// every record, sets TC, and carries the OPT record when the query had one, so the client retries over TCP.
using System.Buffers.Binary;

namespace Kinet.Dns.Wire;

internal static class DnsTruncation
{
    /// <summary>Rewrites <paramref name="response"/> in place into its truncated form; returns the new length.</summary>
    public static int Truncate(Span<byte> response, in DnsQuery q)
    {
        var pos = q.QuestionEnd;
        response[2] |= 0x02; // TC
        BinaryPrimitives.WriteUInt16BigEndian(response[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(response[6..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(response[8..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(response[10..], (ushort)(q.HasEdns ? 1 : 0));
        if (!q.HasEdns) return pos;
        response[pos] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(response[(pos + 1)..], 41);
        BinaryPrimitives.WriteUInt16BigEndian(response[(pos + 3)..], (ushort)q.UdpLimit);
        BinaryPrimitives.WriteUInt32BigEndian(response[(pos + 5)..], q.Do ? 0x8000u : 0u);
        BinaryPrimitives.WriteUInt16BigEndian(response[(pos + 9)..], 0);
        return pos + DnsMessageWriter.OptLength;
    }
}
