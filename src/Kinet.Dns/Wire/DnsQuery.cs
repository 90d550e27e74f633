// One parsed DNS query: the header fields a response needs, where the question's name lies in the packet, and the
// EDNS0 OPT record (RFC 6891). Parsing allocates nothing; the name stays in the packet (in the client's case).
namespace Kinet.Dns.Wire;

internal enum DnsParseStatus
{
    Ok,
    /// <summary>Not answered at all: shorter than a header, or a response (QR set), as miekg/dns ignores them.</summary>
    Drop,
    FormErr,
    NotImp,
}

internal struct DnsQuery
{
    public const int HeaderLength = 12;

    public ushort Id;
    /// <summary>The second header word as sent (QR, opcode, AA, TC, RD, RA, Z, AD, CD, rcode).</summary>
    public ushort Flags;
    /// <summary>Wire length of the question name, which starts at offset 12.</summary>
    public int NameLength;
    public ushort QType;
    public ushort QClass;
    /// <summary>Offset just after the question.</summary>
    public int QuestionEnd;
    public bool HasEdns;
    /// <summary>The requester's UDP payload size (only with EDNS).</summary>
    public ushort EdnsUdpSize;
    /// <summary>The DNSSEC OK bit.</summary>
    public bool Do;

    public readonly bool RecursionDesired => (Flags & 0x0100) != 0;
    public readonly bool CheckingDisabled => (Flags & 0x0010) != 0;
    public readonly int Opcode => (Flags >> 11) & 0xF;

    /// <summary>The largest UDP response the requester accepts (RFC 6891 §6.2.5: never below 512).</summary>
    public readonly int UdpLimit => HasEdns ? Math.Max(512, (int)EdnsUdpSize) : 512;
}
