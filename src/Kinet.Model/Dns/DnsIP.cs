// An address held by value in 16 bytes (no IPAddress object per endpoint), so a view of 100,000 endpoint addresses
// stays small and builds without 100,000 allocations. IPv4 is kept as IPv4-mapped IPv6 (::ffff:a.b.c.d), which also
// makes a mapped address count as IPv4, like Go's To4() in CoreDNS. IPv4 is parsed here; IPv6 through IPAddress.
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Kinet.Model.Dns;

internal readonly record struct DnsIP(ulong Hi, ulong Lo)
{
    private const ulong MappedPrefix = 0xFFFF_0000_0000UL;

    public bool IsV6 => Hi != 0 || (Lo & 0xFFFF_FFFF_0000_0000UL) != MappedPrefix;

    public static bool TryParse(string text, out DnsIP ip)
    {
        if (TryParseV4(text, out var v4)) { ip = new DnsIP(0, MappedPrefix | v4); return true; }
        if (text.Contains(':') && IPAddress.TryParse(text, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6 && a.ScopeId == 0)
        {
            ip = From(a);
            return true;
        }
        ip = default;
        return false;
    }

    public static DnsIP From(IPAddress a)
    {
        Span<byte> b = stackalloc byte[16];
        a.TryWriteBytes(b, out var n);
        if (n == 4) return new DnsIP(0, MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(b));
        return new DnsIP(BinaryPrimitives.ReadUInt64BigEndian(b), BinaryPrimitives.ReadUInt64BigEndian(b[8..]));
    }

    public IPAddress ToIPAddress()
    {
        if (!IsV6) return new IPAddress(BinaryPrimitives.ReverseEndianness((uint)Lo));
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(b, Hi);
        BinaryPrimitives.WriteUInt64BigEndian(b[8..], Lo);
        return new IPAddress(b);
    }

    public override string ToString() => ToIPAddress().ToString();

    private static bool TryParseV4(string text, out uint value)
    {
        value = 0;
        int parts = 0, octet = -1;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (octet < 0 || ++parts > 3) return false;
                value = value << 8 | (uint)octet;
                octet = -1;
            }
            else if (c is >= '0' and <= '9')
            {
                octet = octet < 0 ? c - '0' : octet * 10 + (c - '0');
                if (octet > 255) return false;
            }
            else return false;
        }
        if (octet < 0 || parts != 3) return false;
        value = value << 8 | (uint)octet;
        return true;
    }
}
