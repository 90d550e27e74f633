// A CIDR block ("10.96.0.0/12"), parsed like Go's net.ParseCIDR (host bits are masked off), with the arithmetic
// the allocators need: containment, size, the n-th address and an address's index.
using System.Globalization;

namespace Kinet.Model.Networking;

public readonly record struct Cidr
{
    private Cidr(IP network, int prefixLength)
    {
        Network = network;
        PrefixLength = prefixLength;
    }

    /// <summary>The first address of the block (host bits zero).</summary>
    public IP Network { get; }

    public int PrefixLength { get; }

    public bool IsV6 => Network.IsV6;

    public int HostBits => Network.BitLength - PrefixLength;

    /// <summary>Number of addresses in the block; a whole IPv6 space (/0) saturates at UInt128.MaxValue.</summary>
    public UInt128 Size => HostBits >= 128 ? UInt128.MaxValue : UInt128.One << HostBits;

    /// <summary>The last address of the block (the IPv4 broadcast address).</summary>
    public IP Last => Network.Add(HostMask);

    private UInt128 HostMask => HostBits >= 128 ? UInt128.MaxValue : (UInt128.One << HostBits) - 1;

    public static Cidr Create(IP address, int prefixLength)
    {
        if (prefixLength < 0 || prefixLength > address.BitLength)
            throw new ArgumentOutOfRangeException(nameof(prefixLength), $"invalid prefix length /{prefixLength}");
        var hostBits = address.BitLength - prefixLength;
        var hostMask = hostBits >= 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        var network = address.IsV6 ? IP.V6(address.Value & ~hostMask) : IP.V4((uint)(address.Value & ~hostMask));
        return new Cidr(network, prefixLength);
    }

    public static Cidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr : throw new FormatException($"invalid CIDR address: {text}");

    public static bool TryParse(string? text, out Cidr cidr)
    {
        cidr = default;
        var slash = text?.IndexOf('/') ?? -1;
        if (slash < 0) return false;
        var bits = text![(slash + 1)..];
        // Go accepts only plain decimal digits after the slash (no sign, at most three digits).
        if (bits.Length is 0 or > 3 || !bits.All(char.IsAsciiDigit)) return false;
        if (!IP.TryParse(text[..slash], out var ip)) return false;
        var prefix = int.Parse(bits, CultureInfo.InvariantCulture);
        if (prefix > ip.BitLength) return false;
        cidr = Create(ip, prefix);
        return true;
    }

    public bool Contains(IP ip) => ip.IsV6 == IsV6 && (ip.Value & ~HostMask) == Network.Value;

    public bool Contains(Cidr other) => other.PrefixLength >= PrefixLength && Contains(other.Network);

    public bool Overlaps(Cidr other) => Contains(other.Network) || other.Contains(Network);

    /// <summary>The address at <paramref name="index"/> within the block (index 0 is the network address).</summary>
    public IP At(UInt128 index) =>
        index <= HostMask ? Network.Add(index) : throw new ArgumentOutOfRangeException(nameof(index), $"{index} is outside {this}");

    /// <summary>The index of <paramref name="ip"/> within the block; the address must be contained.</summary>
    public UInt128 IndexOf(IP ip) =>
        Contains(ip) ? ip.Value - Network.Value : throw new ArgumentOutOfRangeException(nameof(ip), $"{ip} is outside {this}");

    /// <summary>The <paramref name="index"/>-th sub-block of prefix <paramref name="prefixLength"/> (e.g. the n-th /24 of a /16).</summary>
    public Cidr Subnet(int prefixLength, UInt128 index)
    {
        if (prefixLength < PrefixLength || prefixLength > Network.BitLength)
            throw new ArgumentOutOfRangeException(nameof(prefixLength));
        var subBits = Network.BitLength - prefixLength;
        var offset = subBits >= 128 ? 0 : index << subBits;
        return Create(At(offset), prefixLength);
    }

    public override string ToString() => $"{Network}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";
}
