// The order ipvsadm lists in: libipvs' ipvs_cmp_services (fwmark, family, protocol number, address, port) and
// ipvs_cmp_dests (address, port) under glibc's qsort (a top-down merge sort). The address comparison subtracts two
// unsigned 32-bit words into an int, so it wraps: an address more than 2^31 above another sorts before it (10.96.0.1
// comes after 172.18.0.2). Reproduced on purpose, merge sort and all, so the listing matches a real node's.
using System.Net;
using System.Net.Sockets;
using Kinet.Model.Services;

namespace Kinet.Proxy.Views.Ipvs;

public static class IpvsadmOrder
{
    public static int CompareServices(IpvsVirtualServer a, IpvsVirtualServer b)
    {
        var r = Family(a.Address) - Family(b.Address);
        if (r != 0) return r;
        r = ProtocolNumber(a.Protocol) - ProtocolNumber(b.Protocol);
        if (r != 0) return r;
        r = CompareAddresses(a.Address, b.Address);
        return r != 0 ? r : a.Port - b.Port;
    }

    public static int CompareDests(IpvsRealServer a, IpvsRealServer b)
    {
        var r = CompareAddresses(a.Address, b.Address);
        return r != 0 ? r : a.Port - b.Port;
    }

    /// <summary>ntohl(a) - ntohl(b) as C computes it into an int, word by word for IPv6.</summary>
    public static int CompareAddresses(IPAddress a, IPAddress b)
    {
        var x = a.GetAddressBytes();
        var y = b.GetAddressBytes();
        var r = 0;
        for (var i = 0; r == 0 && i + 4 <= Math.Min(x.Length, y.Length); i += 4)
            r = unchecked((int)(Word(x, i) - Word(y, i)));
        return r;
    }

    /// <summary>glibc's msort_with_tmp: split n/2, sort both halves, merge taking the left element on ties.</summary>
    public static List<T> Sort<T>(IReadOnlyList<T> items, Comparison<T> compare)
    {
        if (items.Count <= 1) return [.. items];
        var n1 = items.Count / 2;
        var left = Sort(items.Take(n1).ToList(), compare);
        var right = Sort(items.Skip(n1).ToList(), compare);
        var merged = new List<T>(items.Count);
        int i = 0, j = 0;
        while (i < left.Count && j < right.Count) merged.Add(compare(left[i], right[j]) <= 0 ? left[i++] : right[j++]);
        merged.AddRange(left.Skip(i));
        merged.AddRange(right.Skip(j));
        return merged;
    }

    private static uint Word(byte[] bytes, int at) =>
        ((uint)bytes[at] << 24) | ((uint)bytes[at + 1] << 16) | ((uint)bytes[at + 2] << 8) | bytes[at + 3];

    // AF_INET = 2, AF_INET6 = 10 on Linux.
    private static int Family(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? 10 : 2;

    private static int ProtocolNumber(ServiceProtocol protocol) => protocol switch
    {
        ServiceProtocol.Udp => 17,
        ServiceProtocol.Sctp => 132,
        _ => 6,
    };
}
