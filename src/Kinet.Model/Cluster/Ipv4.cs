// IPv4 arithmetic for the address plan: CIDR parsing as Go's net.ParseCIDR (host bits are masked off), offsets, subnets.
using System.Net;
using System.Net.Sockets;

namespace Kinet.Model.Cluster;

public static class Ipv4
{
    public static uint ToUInt(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    public static IPAddress FromUInt(uint value) =>
        new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);

    /// <summary>The address <paramref name="offset"/> after the network's base address (10.96.0.0/12 + 1 = 10.96.0.1).</summary>
    public static IPAddress At(IPNetwork network, long offset) => FromUInt((uint)(ToUInt(network.BaseAddress) + offset));

    public static long Size(IPNetwork network) => 1L << (32 - network.PrefixLength);

    /// <summary>The <paramref name="index"/>-th subnet of the given prefix length inside the network (10.244.0.0/16, 24, 2 → 10.244.2.0/24).</summary>
    public static IPNetwork Subnet(IPNetwork network, int prefixLength, int index) =>
        new(FromUInt((uint)(ToUInt(network.BaseAddress) + ((long)index << (32 - prefixLength)))), prefixLength);

    public static bool Overlaps(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);

    /// <summary>Parses "a.b.c.d/n" (IPv4 only); null when it is not one.</summary>
    public static IPNetwork? ParseCidr(string text)
    {
        var slash = text.IndexOf('/');
        if (slash < 0 || !IPAddress.TryParse(text[..slash], out var ip) || ip.AddressFamily != AddressFamily.InterNetwork
            || text[..slash].Count(c => c == '.') != 3
            || !int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, null, out var prefix) || prefix > 32)
            return null;
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return new IPNetwork(FromUInt(ToUInt(ip) & mask), prefix);
    }

    public static IPAddress? ParseAddress(string text) =>
        IPAddress.TryParse(text, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3 ? ip : null;

    public static bool IsIpv6Cidr(string text)
    {
        var slash = text.IndexOf('/');
        return slash > 0 && IPAddress.TryParse(text[..slash], out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;
    }
}
