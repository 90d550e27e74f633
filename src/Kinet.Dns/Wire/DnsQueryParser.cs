// Parses a query packet, strictly: what miekg/dns (CoreDNS's server) rejects is FORMERR, other opcodes NOTIMP,
// responses and runts are dropped. Never throws on any input.
using System.Buffers.Binary;

namespace Kinet.Dns.Wire;

internal static class DnsQueryParser
{
    public const int MaxNameLength = 255;

    public static DnsParseStatus Parse(ReadOnlySpan<byte> msg, out DnsQuery q)
    {
        q = default;
        if (msg.Length < DnsQuery.HeaderLength) return DnsParseStatus.Drop;
        q.Id = BinaryPrimitives.ReadUInt16BigEndian(msg);
        q.Flags = BinaryPrimitives.ReadUInt16BigEndian(msg[2..]);
        if ((q.Flags & 0x8000) != 0) return DnsParseStatus.Drop;
        if (q.Opcode != 0) return DnsParseStatus.NotImp;
        var qd = BinaryPrimitives.ReadUInt16BigEndian(msg[4..]);
        var an = BinaryPrimitives.ReadUInt16BigEndian(msg[6..]);
        var ns = BinaryPrimitives.ReadUInt16BigEndian(msg[8..]);
        var ar = BinaryPrimitives.ReadUInt16BigEndian(msg[10..]);
        // miekg/dns DefaultMsgAcceptFunc: exactly one question, at most one answer and authority record, two additional.
        if (qd != 1 || an > 1 || ns > 1 || ar > 2) return DnsParseStatus.FormErr;

        var nameLength = UncompressedNameLength(msg, DnsQuery.HeaderLength);
        if (nameLength < 0) return DnsParseStatus.FormErr;
        q.NameLength = nameLength;
        var pos = DnsQuery.HeaderLength + nameLength;
        if (pos + 4 > msg.Length) return DnsParseStatus.FormErr;
        q.QType = BinaryPrimitives.ReadUInt16BigEndian(msg[pos..]);
        q.QClass = BinaryPrimitives.ReadUInt16BigEndian(msg[(pos + 2)..]);
        pos += 4;
        q.QuestionEnd = pos;

        for (var i = 0; i < an + ns + ar; i++)
        {
            var nameEnd = SkipName(msg, pos);
            if (nameEnd < 0 || nameEnd + 10 > msg.Length) return DnsParseStatus.FormErr;
            var type = BinaryPrimitives.ReadUInt16BigEndian(msg[nameEnd..]);
            var cls = BinaryPrimitives.ReadUInt16BigEndian(msg[(nameEnd + 2)..]);
            var ttl = BinaryPrimitives.ReadUInt32BigEndian(msg[(nameEnd + 4)..]);
            var rdLength = BinaryPrimitives.ReadUInt16BigEndian(msg[(nameEnd + 8)..]);
            var end = nameEnd + 10 + rdLength;
            if (end > msg.Length) return DnsParseStatus.FormErr;
            if (type == 41 && i >= an + ns)
            {
                // RFC 6891 §6.1.1: one OPT, owned by the root.
                if (q.HasEdns || nameEnd - pos != 1) return DnsParseStatus.FormErr;
                q.HasEdns = true;
                q.EdnsUdpSize = cls;
                q.Do = (ttl & 0x8000) != 0;
            }
            pos = end;
        }
        return DnsParseStatus.Ok;
    }

    /// <summary>Length of the name at <paramref name="offset"/>, which must not use compression (nothing precedes the
    /// question to point at); -1 when malformed or longer than 255 octets.</summary>
    public static int UncompressedNameLength(ReadOnlySpan<byte> msg, int offset)
    {
        var pos = offset;
        while (true)
        {
            if (pos >= msg.Length) return -1;
            var len = msg[pos];
            if (len == 0) break;
            if (len > 63) return -1;
            pos += len + 1;
            if (pos - offset + 1 > MaxNameLength) return -1;
        }
        return pos + 1 - offset;
    }

    /// <summary>Offset after the (possibly compressed) name at <paramref name="offset"/>; -1 when malformed.</summary>
    private static int SkipName(ReadOnlySpan<byte> msg, int offset)
    {
        var pos = offset;
        while (true)
        {
            if (pos >= msg.Length) return -1;
            var len = msg[pos];
            if (len == 0) return pos + 1;
            if ((len & 0xC0) == 0xC0) return pos + 2 <= msg.Length ? pos + 2 : -1;
            if (len > 63) return -1;
            pos += len + 1;
            if (pos - offset > MaxNameLength) return -1;
        }
    }
}
