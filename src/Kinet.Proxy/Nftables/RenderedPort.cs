// What the proxier wrote for one Service port: the inputs it was rendered from (to tell whether it changed), the map
// and set elements it owns, and its chains and affinity sets (to delete them when the port or an endpoint goes away).
using Kinet.Model.Services;
using Kinet.Nftables.Objects;

namespace Kinet.Proxy.Nftables;

internal sealed record RenderedPort(
    ServicePortInfo Info,
    IReadOnlyList<EndpointInfo> Endpoints,
    IReadOnlyList<NftElement> Elements,
    IReadOnlyList<string> Chains,
    IReadOnlyList<string> AffinitySets)
{
    /// <summary>Whether <paramref name="info"/> and <paramref name="endpoints"/> would render the same rules.</summary>
    public bool SameInputs(ServicePortInfo info, IReadOnlyList<EndpointInfo> endpoints) =>
        SameInfo(Info, info) && (ReferenceEquals(Endpoints, endpoints) || Endpoints.SequenceEqual(endpoints));

    /// <summary>Value equality of two ServicePortInfos (the record's own Equals compares its lists by reference).</summary>
    public static bool SameInfo(ServicePortInfo a, ServicePortInfo b) =>
        ReferenceEquals(a, b) || (a with
        {
            LoadBalancerIPs = b.LoadBalancerIPs,
            LoadBalancerSourceRanges = b.LoadBalancerSourceRanges,
            ExternalIPs = b.ExternalIPs,
        } == b
        && a.LoadBalancerIPs.SequenceEqual(b.LoadBalancerIPs)
        && a.LoadBalancerSourceRanges.SequenceEqual(b.LoadBalancerSourceRanges)
        && a.ExternalIPs.SequenceEqual(b.ExternalIPs));
}
