// Small IPv4 network arithmetic the network layer needs: overlap, the n-th address of a network, parsing ip's "dst".
using System.Buffers.Binary;
using System.Net;

namespace Kinet.Node.Network;

internal static class Cidr
{
    public static bool Overlaps(IPNetwork a, IPNetwork b) =>
        a.BaseAddress.AddressFamily == b.BaseAddress.AddressFamily && (a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress));

    /// <summary>The address <paramref name="n"/> after the network's base (n = 1: the first host, cni0's address).</summary>
    public static IPAddress Nth(IPNetwork network, uint n)
    {
        var bytes = network.BaseAddress.GetAddressBytes();
        var value = BinaryPrimitives.ReadUInt32BigEndian(bytes) + n;
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    /// <summary>Parses a route's "dst" as ip prints it ("default", "10.0.0.0/24", "10.0.0.7").</summary>
    public static IPNetwork? ParseDestination(string? dst)
    {
        if (dst is null || dst == "default")
            return null;
        if (!dst.Contains('/'))
            dst += dst.Contains(':') ? "/128" : "/32";
        return IPNetwork.TryParse(dst, out var network) ? network : null;
    }

    public static string Format(IPNetwork network) => $"{network.BaseAddress}/{network.PrefixLength}";
}
