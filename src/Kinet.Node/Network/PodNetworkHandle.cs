// What a pod's sandbox got: its network namespace (name and /run/netns path for nsenter/setns), the interface inside it,
// its addresses with the node CIDR's prefix, the default gateway (cni0's address) and the MTU.
using System.Net;

namespace Kinet.Node.Network;

public sealed record PodNetworkHandle(
    string PodId,
    string Node,
    string NetnsName,
    string NetnsPath,
    string Interface,
    IReadOnlyList<IPAddress> Addresses,
    int PrefixLength,
    IPAddress Gateway,
    int Mtu)
{
    /// <summary>The host end of the pod's veth, in the node's namespace on cni0.</summary>
    public string HostVeth => NetworkNames.PodVeth(PodId);
}
