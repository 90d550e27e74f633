// Writes DNS messages into a buffer: header, the question copied from the query (so the client's letter case comes
// back, DNS 0x20), resource records with name compression (RFC 1035 §4.1.4), and the EDNS0 OPT record.
using System.Buffers.Binary;
using System.Net;
using Kinet.Model.Dns;

namespace Kinet.Dns.Wire;

internal sealed class DnsMessageWriter
{
    private readonly byte[] _buffer;
    private readonly Dictionary<string, int> _compression = new(StringComparer.Ordinal);
    private int _pos;

    public DnsMessageWriter(byte[] buffer) => _buffer = buffer;

    public int Length => _pos;

    public Span<byte> Written => _buffer.AsSpan(0, _pos);

    /// <summary>Header and the query's question. Flags: QR, the query's opcode, RD and CD, plus <paramref name="aa"/>
    /// and <paramref name="rcode"/>; RA stays clear (CoreDNS's kubernetes answers do not offer recursion).</summary>
    public void WriteHeaderAndQuestion(ReadOnlySpan<byte> query, in DnsQuery q, DnsRcode rcode, bool aa, string? qnameText)
    {
        _pos = 0;
        _compression.Clear();
        var flags = (ushort)(0x8000 | (q.Flags & (0x7800 | 0x0100 | 0x0010)) | (aa ? 0x0400 : 0) | ((int)rcode & 0xF));
        WriteUInt16(q.Id);
        WriteUInt16(flags);
        WriteUInt16(1);
        WriteUInt16(0);
        WriteUInt16(0);
        WriteUInt16(0);
        var question = query[DnsQuery.HeaderLength..q.QuestionEnd];
        Ensure(question.Length);
        question.CopyTo(_buffer.AsSpan(_pos));
        if (qnameText is not null) RegisterSuffixes(qnameText, DnsQuery.HeaderLength);
        _pos += question.Length;
    }

    /// <summary>A header only (FORMERR, NOTIMP): no question is echoed, as miekg/dns replies to what it rejects.</summary>
    public void WriteHeaderOnly(in DnsQuery q, DnsRcode rcode)
    {
        _pos = 0;
        WriteUInt16(q.Id);
        WriteUInt16((ushort)(0x8000 | (q.Flags & (0x7800 | 0x0100)) | ((int)rcode & 0xF)));
        WriteUInt16(0);
        WriteUInt16(0);
        WriteUInt16(0);
        WriteUInt16(0);
    }

    public void SetCounts(int answer, int authority, int additional)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(6), (ushort)answer);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(8), (ushort)authority);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(10), (ushort)additional);
    }

    public void WriteRecord(DnsRecord record)
    {
        WriteName(record.Name, compress: true);
        WriteUInt16((ushort)record.Type);
        WriteUInt16(1);
        WriteUInt32(record.Ttl);
        var lengthAt = _pos;
        WriteUInt16(0);
        switch (record)
        {
            case AddressRecord a:
                Ensure(16);
                a.Address.TryWriteBytes(_buffer.AsSpan(_pos), out var n);
                _pos += n;
                break;
            case CnameRecord c: WriteName(c.Target, compress: true); break;
            case PtrRecord p: WriteName(p.Target, compress: true); break;
            case NsRecord ns: WriteName(ns.Target, compress: true); break;
            case SrvRecord s:
                WriteUInt16(s.Priority);
                WriteUInt16(s.Weight);
                WriteUInt16(s.Port);
                WriteName(s.Target, compress: false); // RFC 2782: the target is never compressed
                break;
            case TxtRecord t:
                foreach (var str in t.Strings)
                {
                    var bytes = System.Text.Encoding.UTF8.GetBytes(str);
                    for (var i = 0; i == 0 || i < bytes.Length; i += 255)
                    {
                        var chunk = bytes.AsSpan(i, Math.Min(255, bytes.Length - i));
                        Ensure(chunk.Length + 1);
                        _buffer[_pos++] = (byte)chunk.Length;
                        chunk.CopyTo(_buffer.AsSpan(_pos));
                        _pos += chunk.Length;
                    }
                }
                break;
            case SoaRecord soa:
                WriteName(soa.PrimaryNs, compress: true);
                WriteName(soa.Mailbox, compress: true);
                WriteUInt32(soa.Serial);
                WriteUInt32(soa.Refresh);
                WriteUInt32(soa.Retry);
                WriteUInt32(soa.Expire);
                WriteUInt32(soa.Minimum);
                break;
            default:
                throw new NotSupportedException($"record type {record.Type}");
        }
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(lengthAt), (ushort)(_pos - lengthAt - 2));
    }

    /// <summary>The OPT pseudo-record: <paramref name="udpSize"/> in the class, the DO bit in the flags; 11 bytes.</summary>
    public void WriteOpt(ushort udpSize, bool dnssecOk)
    {
        Ensure(OptLength);
        _buffer[_pos++] = 0;
        WriteUInt16(41);
        WriteUInt16(udpSize);
        WriteUInt32(dnssecOk ? 0x8000u : 0u);
        WriteUInt16(0);
    }

    public const int OptLength = 11;

    private void WriteName(string name, bool compress)
    {
        var labels = DnsName.Labels(name);
        for (var i = 0; i < labels.Count; i++)
        {
            if (compress)
            {
                var suffix = Suffix(labels, i);
                if (_compression.TryGetValue(suffix, out var pointer))
                {
                    WriteUInt16((ushort)(0xC000 | pointer));
                    return;
                }
                if (_pos < 0x3FFF) _compression[suffix] = _pos;
            }
            var label = labels[i];
            if (label.Length > 63) throw new InvalidOperationException($"label longer than 63 octets in {name}");
            Ensure(label.Length + 1);
            _buffer[_pos++] = (byte)label.Length;
            label.CopyTo(_buffer.AsSpan(_pos));
            _pos += label.Length;
        }
        Ensure(1);
        _buffer[_pos++] = 0;
    }

    private void RegisterSuffixes(string name, int offset)
    {
        var labels = DnsName.Labels(name);
        for (var i = 0; i < labels.Count; i++)
        {
            _compression.TryAdd(Suffix(labels, i), offset);
            offset += labels[i].Length + 1;
        }
    }

    private static string Suffix(List<byte[]> labels, int from)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = from; i < labels.Count; i++)
        {
            sb.Append((char)labels[i].Length); // length-prefixed, so label bytes can never be mistaken for a boundary
            foreach (var b in labels[i]) sb.Append((char)(b is >= (byte)'A' and <= (byte)'Z' ? b + 32 : b));
        }
        return sb.ToString();
    }

    private void WriteUInt16(ushort v)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_pos), v);
        _pos += 2;
    }

    private void WriteUInt32(uint v)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_pos), v);
        _pos += 4;
    }

    private void Ensure(int n)
    {
        if (_pos + n > _buffer.Length) throw new DnsMessageTooLongException();
    }
}

/// <summary>The message does not fit the buffer (64 KiB, the most TCP can carry).</summary>
internal sealed class DnsMessageTooLongException : Exception;
