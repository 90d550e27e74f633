// The network a pod's sandbox is given: the addresses the kubelet controller allocated from the node's pod CIDR (or the
// node's own for hostNetwork pods) and the node it runs on.
using Kinet.Model.Networking;

namespace Kinet.Controllers.Nodes;

public sealed record PodNetwork(string NodeName, IReadOnlyList<IP> PodIPs, IReadOnlyList<IP> HostIPs, bool HostNetwork)
{
    /// <summary>The node bridge's address for the pod's default route; none for hostNetwork pods.</summary>
    public IP? Gateway { get; init; }
}
