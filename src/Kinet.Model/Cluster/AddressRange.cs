// An inclusive IPv4 address range, e.g. the LoadBalancer pool 172.18.255.200-172.18.255.250.
using System.Net;

namespace Kinet.Model.Cluster;

public sealed record AddressRange(IPAddress First, IPAddress Last)
{
    public int Count => (int)(Ipv4.ToUInt(Last) - Ipv4.ToUInt(First) + 1);

    public bool Contains(IPAddress address)
    {
        var a = Ipv4.ToUInt(address);
        return a >= Ipv4.ToUInt(First) && a <= Ipv4.ToUInt(Last);
    }

    public override string ToString() => $"{First}-{Last}";
}
