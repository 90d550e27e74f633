// An IPv4 or IPv6 address as a number, so ranges can be walked and offsets computed (Go's net.IP, parsed the way
// Kubernetes' netutils.ParseIPSloppy does: dotted-quad IPv4 with leading zeros read as decimal, any IPv6 form).
using System.Globalization;
using System.Net.Sockets;

namespace Kinet.Model.Networking;

public readonly struct IP : IEquatable<IP>, IComparable<IP>, IComparable
{
    private static readonly UInt128 V4Max = uint.MaxValue;

    private IP(UInt128 value, bool isV6)
    {
        Value = value;
        IsV6 = isV6;
    }

    /// <summary>The address as an unsigned number (IPv4 in the low 32 bits).</summary>
    public UInt128 Value { get; }

    public bool IsV6 { get; }

    public int BitLength => IsV6 ? 128 : 32;

    public static IP V4(uint value) => new(value, false);

    public static IP V6(UInt128 value) => new(value, true);

    public static IP Parse(string text) =>
        TryParse(text, out var ip) ? ip : throw new FormatException($"invalid IP address: {text}");

    public static bool TryParse(string? text, out IP ip)
    {
        ip = default;
        if (string.IsNullOrEmpty(text)) return false;
        return text.Contains(':') ? TryParseV6(text, out ip) : TryParseV4(text, out ip);
    }

    private static bool TryParseV4(string text, out IP ip)
    {
        ip = default;
        var parts = text.Split('.');
        if (parts.Length != 4) return false;
        uint value = 0;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit)) return false;
            var octet = int.Parse(part, CultureInfo.InvariantCulture);
            if (octet > 255) return false;
            value = (value << 8) | (uint)octet;
        }
        ip = V4(value);
        return true;
    }

    private static bool TryParseV6(string text, out IP ip)
    {
        ip = default;
        // A zone ("fe80::1%eth0") is not an address Kubernetes accepts.
        if (text.Contains('%') || !System.Net.IPAddress.TryParse(text, out var parsed) ||
            parsed.AddressFamily != AddressFamily.InterNetworkV6) return false;
        // Go treats an IPv4-mapped IPv6 address as the IPv4 address it carries.
        if (parsed.IsIPv4MappedToIPv6)
        {
            ip = V4((uint)(ToNumber(parsed.GetAddressBytes()) & V4Max));
            return true;
        }
        ip = V6(ToNumber(parsed.GetAddressBytes()));
        return true;
    }

    private static UInt128 ToNumber(byte[] bytes)
    {
        UInt128 v = 0;
        foreach (var b in bytes) v = (v << 8) | b;
        return v;
    }

    /// <summary>The address <paramref name="offset"/> places further on; overflowing the family is an error.</summary>
    public IP Add(UInt128 offset)
    {
        var max = IsV6 ? UInt128.MaxValue : V4Max;
        if (offset > max - Value) throw new OverflowException($"{this} + {offset} leaves the address family");
        return new IP(Value + offset, IsV6);
    }

    public static IP operator +(IP ip, int offset) =>
        offset >= 0 ? ip.Add((UInt128)offset) : throw new ArgumentOutOfRangeException(nameof(offset));

    public override string ToString()
    {
        if (!IsV6)
        {
            var v = (uint)Value;
            return string.Create(CultureInfo.InvariantCulture, $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}");
        }
        var bytes = new byte[16];
        var n = Value;
        for (var i = 15; i >= 0; i--, n >>= 8) bytes[i] = (byte)(n & 255);
        return new System.Net.IPAddress(bytes).ToString();
    }

    public bool Equals(IP other) => Value == other.Value && IsV6 == other.IsV6;

    public override bool Equals(object? obj) => obj is IP other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Value, IsV6);

    /// <summary>IPv4 sorts before IPv6; within a family, numerically.</summary>
    public int CompareTo(IP other) => IsV6 != other.IsV6 ? IsV6.CompareTo(other.IsV6) : Value.CompareTo(other.Value);

    int IComparable.CompareTo(object? obj) =>
        obj is IP other ? CompareTo(other) : throw new ArgumentException("not an IP", nameof(obj));

    public static bool operator ==(IP a, IP b) => a.Equals(b);

    public static bool operator !=(IP a, IP b) => !a.Equals(b);

    public static bool operator <(IP a, IP b) => a.CompareTo(b) < 0;

    public static bool operator >(IP a, IP b) => a.CompareTo(b) > 0;

    public static bool operator <=(IP a, IP b) => a.CompareTo(b) <= 0;

    public static bool operator >=(IP a, IP b) => a.CompareTo(b) >= 0;
}
