// Answers one query packet, for any transport: parse, then the zone's response cache (patching ID, flags, question
// case and EDNS size into a cached response), else the record logic, encoding and caching the answer. Names outside
// the zones are relayed to the `forward` upstreams when there are any, else REFUSED (never an open resolver).
using System.Buffers.Binary;
using Kinet.Dns.Wire;
using Kinet.Model.Dns;

namespace Kinet.Dns.Serving;

internal sealed class DnsQueryHandler(DnsZone zone, DnsForwarder forwarder, Action<string> log)
{
    public const int MaxMessage = 65535;
    private const int KeyPrefix = 5;

    private volatile DnsZone _zone = zone;

    public DnsZone Zone
    {
        get => _zone;
        set => _zone = value;
    }

    /// <summary>Writes the response to <paramref name="query"/> into <paramref name="output"/> (at least 64 KiB).
    /// <paramref name="limit"/> is the transport's size: 65535 on TCP, <c>UdpLimit</c> on UDP.</summary>
    public DnsOutcome Handle(ReadOnlySpan<byte> query, byte[] output, bool tcp, out int length)
    {
        length = 0;
        var status = DnsQueryParser.Parse(query, out var q);
        if (status == DnsParseStatus.Drop) return DnsOutcome.Drop;
        var writer = new DnsMessageWriter(output);
        if (status != DnsParseStatus.Ok)
        {
            writer.WriteHeaderOnly(q, status == DnsParseStatus.NotImp ? DnsRcode.NotImp : DnsRcode.FormErr);
            length = writer.Length;
            return DnsOutcome.Respond;
        }

        var zone = _zone;
        var limit = tcp ? MaxMessage : q.UdpLimit;
        Span<byte> key = stackalloc byte[KeyPrefix + q.NameLength];
        BinaryPrimitives.WriteUInt16BigEndian(key, q.QType);
        BinaryPrimitives.WriteUInt16BigEndian(key[2..], q.QClass);
        key[4] = (byte)((q.HasEdns ? 1 : 0) | (q.Do ? 2 : 0));
        var name = query.Slice(DnsQuery.HeaderLength, q.NameLength);
        name.CopyTo(key[KeyPrefix..]);
        DnsName.ToLower(key[KeyPrefix..]);

        var cached = zone.Cache.Get(key);
        if (cached is not null)
        {
            cached.CopyTo(output, 0);
            length = cached.Length;
            Patch(output, length, query, q);
        }
        else
        {
            var qname = DnsName.ToText(name);
            DnsAnswer answer;
            try
            {
                answer = q.QClass == 1 ? zone.Resolve(qname, (DnsType)q.QType) : DnsAnswer.Outside;
            }
            catch (Exception e)
            {
                log($"[ERROR] plugin/kubernetes: {qname} {(DnsType)q.QType}: {e.Message}");
                answer = new DnsAnswer(DnsAnswerKind.Authoritative, DnsRcode.ServFail, [], [], []);
            }
            if (answer.Kind == DnsAnswerKind.OutsideZones)
            {
                if (zone.Config.Forward.Count > 0) return DnsOutcome.Forward;
                writer.WriteHeaderAndQuestion(query, q, DnsRcode.Refused, aa: false, qnameText: null);
                if (q.HasEdns) WriteOpt(writer, q);
                length = writer.Length;
                return DnsOutcome.Respond;
            }
            length = Encode(query, q, qname, answer, output, writer);
            if (length > 0) zone.Cache.Add(key.ToArray(), output.AsSpan(0, length).ToArray());
            else length = DnsTruncation.Truncate(output, q);
        }
        if (length > limit) length = DnsTruncation.Truncate(output, q);
        return DnsOutcome.Respond;
    }

    /// <summary>Relays a query outside the zones to the upstreams; the response (or SERVFAIL) goes into
    /// <paramref name="output"/>; returns its length.</summary>
    public async Task<int> ForwardAsync(ReadOnlyMemory<byte> query, byte[] output, bool tcp, CancellationToken ct)
    {
        DnsQueryParser.Parse(query.Span, out var q);
        var upstreams = _zone.Config.Forward;
        var response = await forwarder.ExchangeAsync(query, tcp, upstreams, ct);
        int length;
        if (response is null)
        {
            var writer = new DnsMessageWriter(output);
            writer.WriteHeaderAndQuestion(query.Span, q, DnsRcode.ServFail, aa: false, qnameText: null);
            if (q.HasEdns) WriteOpt(writer, q);
            length = writer.Length;
        }
        else
        {
            response.CopyTo(output, 0);
            length = response.Length;
        }
        if (length > (tcp ? MaxMessage : q.UdpLimit) && length >= q.QuestionEnd) length = DnsTruncation.Truncate(output, q);
        return length;
    }

    /// <summary>Encodes an authoritative answer; 0 when it does not fit even 64 KiB.</summary>
    private static int Encode(ReadOnlySpan<byte> query, in DnsQuery q, string qname, DnsAnswer answer, byte[] output, DnsMessageWriter writer)
    {
        try
        {
            writer.WriteHeaderAndQuestion(query, q, answer.Rcode, aa: true, qnameText: qname);
            foreach (var r in answer.Answer) writer.WriteRecord(r);
            foreach (var r in answer.Authority) writer.WriteRecord(r);
            foreach (var r in answer.Additional) writer.WriteRecord(r);
            var additional = answer.Additional.Count;
            if (q.HasEdns)
            {
                WriteOpt(writer, q);
                additional++;
            }
            writer.SetCounts(answer.Answer.Count, answer.Authority.Count, additional);
            return writer.Length;
        }
        catch (DnsMessageTooLongException)
        {
            // Re-write the header and question so Truncate starts from a well-formed prefix.
            writer.WriteHeaderAndQuestion(query, q, answer.Rcode, aa: true, qnameText: null);
            return 0;
        }
    }

    private static void WriteOpt(DnsMessageWriter writer, in DnsQuery q)
    {
        writer.WriteOpt((ushort)q.UdpLimit, q.Do);
        var counts = writer.Written;
        BinaryPrimitives.WriteUInt16BigEndian(counts[10..], (ushort)(BinaryPrimitives.ReadUInt16BigEndian(counts[10..]) + 1));
    }

    /// <summary>Makes a cached response this query's: its ID, its RD and CD bits, its letter case in the question
    /// (answers compressed against the question follow it), its EDNS size in the OPT record (always last).</summary>
    private static void Patch(byte[] output, int length, ReadOnlySpan<byte> query, in DnsQuery q)
    {
        BinaryPrimitives.WriteUInt16BigEndian(output, q.Id);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(output.AsSpan(2));
        flags = (ushort)((flags & ~0x0110) | (q.Flags & 0x0110));
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(2), flags);
        query.Slice(DnsQuery.HeaderLength, q.NameLength).CopyTo(output.AsSpan(DnsQuery.HeaderLength));
        if (q.HasEdns) BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(length - DnsMessageWriter.OptLength + 3), (ushort)q.UdpLimit);
    }
}
