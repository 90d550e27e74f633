// One node of the cluster network: its name (netns kinet-<cluster>-<name>), its underlay address (eth0 in the node)
// and its pod CIDR (cni0 holds the first address, e.g. 10.244.1.1/24).
using System.Net;

namespace Kinet.Node.Network;

public sealed record NodeNetworkSpec(string Name, IPAddress Address, IPNetwork PodCidr);
