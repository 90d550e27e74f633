// The cluster config's address plan as the node layer's network description (DESIGN "The network, on one machine"):
// the underlay bridge and host address, one node per configured node with its address and pod CIDR, the pod network
// mode, and the service CIDR routed from the host via the first node so a person on the host reaches ClusterIPs.
using Kinet.Model.Cluster;
using Kinet.Node.Network;

namespace Kinet.Cli.Kernel;

internal static class KernelNetworkSpec
{
    public static ClusterNetworkSpec From(ClusterSpec spec) => new(
        spec.Name,
        spec.UnderlaySubnet,
        spec.UnderlayGateway,
        spec.PodNetworkMode == PodNetworkMode.Vxlan ? NetworkMode.Vxlan : NetworkMode.Routed,
        spec.Nodes.Select(n => new NodeNetworkSpec(n.Name, n.InternalIP, n.PodCidr)).ToList(),
        [spec.ServiceSubnet]);
}
