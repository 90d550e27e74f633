// Names, addresses and pod CIDRs for configured nodes: kind's naming (per-role counter: -worker, -worker2, ...),
// underlay .2, .3, ... and one /24 of the pod subnet each, control-plane nodes first (they register first in kind,
// so the bootstrap control plane gets 10.244.0.0/24 as kube-controller-manager gives it).
using System.Net;

namespace Kinet.Model.Cluster;

internal static class ClusterLayout
{
    public static ValueList<NodeSpec> Place(string clusterName, IReadOnlyList<ConfiguredNode> nodes, IPNetwork podSubnet,
        int nodeCidrPrefix, IPNetwork underlay, AddressRange loadBalancers)
    {
        var ordered = nodes.Where(n => n.Role == NodeRole.ControlPlane).Concat(nodes.Where(n => n.Role == NodeRole.Worker)).ToList();
        var cidrs = 1L << (nodeCidrPrefix - podSubnet.PrefixLength);
        if (ordered.Count > cidrs)
            throw new ClusterConfigException(
                $"networking.podSubnet: {podSubnet} has room for {cidrs} node CIDRs of /{nodeCidrPrefix}, but the config has {ordered.Count} nodes");
        if (ordered.Count + 2 > Ipv4.Size(underlay))
            throw new ClusterConfigException($"networking.kinetUnderlaySubnet: {underlay} has no room for {ordered.Count} nodes");

        var counters = new Dictionary<NodeRole, int>();
        var result = new List<NodeSpec>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var n = ordered[i];
            var count = counters[n.Role] = counters.GetValueOrDefault(n.Role) + 1;
            var ip = Ipv4.At(underlay, 2 + i);
            if (loadBalancers.Contains(ip))
                throw new ClusterConfigException(
                    $"networking.kinetLoadBalancerRange: {loadBalancers} overlaps the node addresses ({Ipv4.At(underlay, 2)} and up)");
            result.Add(new NodeSpec
            {
                Name = $"{clusterName}-{n.Role.ToConfigString()}{(count == 1 ? "" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))}",
                Role = n.Role,
                Labels = n.Labels,
                Taints = n.Taints,
                InternalIP = ip,
                PodCidr = Ipv4.Subnet(podSubnet, nodeCidrPrefix, i),
                ConfigIndex = n.ConfigIndex,
            });
        }
        return new ValueList<NodeSpec>(result);
    }
}
