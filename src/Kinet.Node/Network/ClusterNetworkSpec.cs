// The whole cluster network as a pure description (DESIGN "The network, on one machine"): ClusterNetwork.UpAsync makes
// the kernel match it. ExtraHostRoutes (e.g. the service CIDR) are routed from the root namespace via the first node so
// a person on the host reaches ClusterIPs.
using System.Net;

namespace Kinet.Node.Network;

public sealed record ClusterNetworkSpec(
    string Cluster,
    IPNetwork Underlay,
    IPAddress HostAddress,
    NetworkMode Mode,
    IReadOnlyList<NodeNetworkSpec> Nodes,
    IReadOnlyList<IPNetwork> ExtraHostRoutes)
{
    /// <summary>The MTU of pod interfaces (and cni0): 1450 under VXLAN (50 bytes of encapsulation), else 1500.</summary>
    public int PodMtu => Mode == NetworkMode.Vxlan ? 1450 : 1500;

    /// <summary>Throws ArgumentException when the description cannot be realized (bad names, addresses off the
    /// underlay, duplicate or overlapping pod CIDRs).</summary>
    public void Validate()
    {
        NetworkNames.ValidateCluster(Cluster);
        if (Underlay.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || Underlay.PrefixLength > 30)
            throw new ArgumentException($"underlay {Underlay} must be an IPv4 network of at least 4 addresses");
        if (!Underlay.Contains(HostAddress))
            throw new ArgumentException($"host address {HostAddress} is not in the underlay {Underlay}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var addresses = new HashSet<IPAddress> { HostAddress };
        for (var i = 0; i < Nodes.Count; i++)
        {
            var node = Nodes[i];
            NetworkNames.ValidateNode(node.Name);
            if (!seen.Add(node.Name))
                throw new ArgumentException($"node {node.Name} is listed twice");
            if (!Underlay.Contains(node.Address) || !addresses.Add(node.Address))
                throw new ArgumentException($"node {node.Name}: address {node.Address} is not a free address of the underlay {Underlay}");
            if (node.PodCidr.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || node.PodCidr.PrefixLength > 30)
                throw new ArgumentException($"node {node.Name}: pod CIDR {node.PodCidr} must be an IPv4 network of at least 4 addresses");
            for (var j = 0; j < i; j++)
                if (Cidr.Overlaps(node.PodCidr, Nodes[j].PodCidr))
                    throw new ArgumentException($"pod CIDRs of {Nodes[j].Name} ({Nodes[j].PodCidr}) and {node.Name} ({node.PodCidr}) overlap");
            if (Cidr.Overlaps(node.PodCidr, Underlay))
                throw new ArgumentException($"node {node.Name}: pod CIDR {node.PodCidr} overlaps the underlay {Underlay}");
        }
    }
}
