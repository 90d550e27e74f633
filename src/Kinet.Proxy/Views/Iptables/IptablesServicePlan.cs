// What kube-proxy's iptables mode decides for one Service port before writing any rule (the head of syncProxyRules'
// per-service loop): which endpoints each kind of traffic uses (EndpointCategories, as the nftables renderer uses
// it), which chains exist, and what the filter table does when internal or external traffic has nowhere to go
// (REJECT when nothing can serve at all, DROP when only a Local policy finds no local endpoint).
using System.Globalization;
using System.Net;
using Kinet.Model.Services;

namespace Kinet.Proxy.Views.Iptables;

internal sealed record IptablesServicePlan(ServicePortInfo Svc, EndpointCategories Categories)
{
    public string NameString { get; } = Svc.Name.ToString();

    public string Protocol => Svc.Name.LowerProtocol;

    public string Port { get; } = Svc.Port.ToString(CultureInfo.InvariantCulture);

    public bool HasEndpoints => Categories.HasAnyEndpoints;

    /// <summary>svcInfo.ExternalPolicyLocal(): only set for externally reachable ports.</summary>
    public bool ExternalPolicyLocal => Svc.ExternalPolicyLocalEffective;

    public string ClusterPolicyChain { get; } = IptablesChainNames.Service(Svc.Name);

    public string LocalPolicyChain { get; } = IptablesChainNames.Local(Svc.Name);

    public string ExternalTrafficChain { get; } = IptablesChainNames.External(Svc.Name);

    public string FirewallChain { get; } = IptablesChainNames.Firewall(Svc.Name);

    public bool UsesClusterPolicyChain => Categories.Cluster.Count > 0 && EndpointCategories.UsesClusterEndpoints(Svc);

    public bool UsesLocalPolicyChain => Categories.Local.Count > 0 && EndpointCategories.UsesLocalEndpoints(Svc);

    public string InternalTrafficChain => Svc.InternalPolicyLocal ? LocalPolicyChain : ClusterPolicyChain;

    public bool HasInternalEndpoints => HasEndpoints && !(Svc.InternalPolicyLocal && Categories.Local.Count == 0);

    public string ExternalPolicyChain => ExternalPolicyLocal ? LocalPolicyChain : ClusterPolicyChain;

    public bool HasExternalEndpoints => HasEndpoints && !(ExternalPolicyLocal && Categories.Local.Count == 0);

    /// <summary>The EXT chain exists whenever anything could serve, even with no externally usable endpoint, because
    /// its short-circuit rules still send traffic from pods and from the node to the cluster chain.</summary>
    public bool UsesExternalTrafficChain => HasEndpoints && Svc.ExternallyAccessible;

    public IReadOnlyList<IPNetwork> SourceRanges { get; } = ParseSourceRanges(Svc);

    public bool UsesFirewallChain => HasEndpoints && Svc.LoadBalancerIPs.Count > 0 && SourceRanges.Count > 0;

    public string LoadBalancerTrafficChain => UsesFirewallChain ? FirewallChain : ExternalTrafficChain;

    public string InternalFilterTarget => !HasEndpoints ? "REJECT" : "DROP";

    public string InternalFilterComment => IptablesContext.Quoted(!HasEndpoints ? $"{NameString} has no endpoints" : $"{NameString} has no local endpoints");

    public string ExternalFilterTarget => InternalFilterTarget;

    public string ExternalFilterComment => InternalFilterComment;

    public static IptablesServicePlan For(ServicePortInfo svc, IReadOnlyList<EndpointInfo> endpoints) =>
        new(svc, EndpointCategories.Of(svc, endpoints));

    /// <summary>loadBalancerSourceRanges as kube-proxy keeps them: trimmed, parsed, other families and invalid ones
    /// dropped.</summary>
    private static List<IPNetwork> ParseSourceRanges(ServicePortInfo svc)
    {
        var ranges = new List<IPNetwork>();
        foreach (var text in svc.LoadBalancerSourceRanges)
        {
            if (ParseCidr(text.Trim()) is { } network && network.BaseAddress.AddressFamily == svc.ClusterIP.AddressFamily)
                ranges.Add(network);
        }
        return ranges;
    }

    /// <summary>Go's net.ParseCIDR: host bits may be set and are masked off.</summary>
    private static IPNetwork? ParseCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
            return null;
        var bytes = address.GetAddressBytes();
        if (prefix > bytes.Length * 8) return null;
        for (var bit = prefix; bit < bytes.Length * 8; bit++) bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new IPNetwork(new IPAddress(bytes), prefix);
    }
}
