// The proxy's whole input for one node and one IP family: every Service port that gets rules, and each one's endpoints
// (merged over the Service's EndpointSlices, deduplicated by ip:port, IsLocal set for Node). Immutable; the sync loop
// builds a new one (sharing unchanged entries) after each batch of changes. SEAM (written before the helpers started).
namespace Kinet.Model.Services;

public sealed record ProxyState(
    string Node,
    IReadOnlyDictionary<ServicePortName, ServicePortInfo> Services,
    IReadOnlyDictionary<ServicePortName, IReadOnlyList<EndpointInfo>> Endpoints)
{
    /// <summary>Node addresses NodePorts answer on (the node's InternalIP of this family).</summary>
    public IReadOnlyList<System.Net.IPAddress> NodeIPs { get; init; } = [];

    /// <summary>The cluster's pod CIDRs (for "traffic from a pod" tests such as masquerading and hairpin).</summary>
    public IReadOnlyList<string> PodCidrs { get; init; } = [];

    /// <summary>The service CIDRs, so traffic to an unallocated cluster IP can be rejected as kube-proxy does.</summary>
    public IReadOnlyList<string> ServiceCidrs { get; init; } = [];

    public IReadOnlyList<EndpointInfo> EndpointsOf(ServicePortName name) =>
        Endpoints.TryGetValue(name, out var list) ? list : [];

    public static ProxyState Empty(string node) =>
        new(node, new Dictionary<ServicePortName, ServicePortInfo>(), new Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>>());
}
