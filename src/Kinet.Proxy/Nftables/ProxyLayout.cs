// The fixed part of kube-proxy's nftables layout, declared as data and written on every full sync: base chains on
// each hook (filter chains run before DNAT, at dstnat-10, so they see the Service address), the top-level chains
// they jump to, masquerading, the cluster-ips check, no-endpoint handling, the firewall for
// loadBalancerSourceRanges, and service dispatch through one verdict map (pkg/proxy/nftables/proxier.go setupNFTables).
using Kinet.Model.Services;
using Kinet.Nftables.Objects;
using Kinet.Nftables.Transactions;
using static Kinet.Proxy.Nftables.ProxyNames;

namespace Kinet.Proxy.Nftables;

internal static class ProxyLayout
{
    /// <summary>(name, type, hook, priority): dstnat is -100, srcnat 100.</summary>
    public static readonly IReadOnlyList<NftChain> BaseChains =
    [
        new(FilterPrerouting, "filter", "prerouting", "-110"),
        new(FilterInput, "filter", "input", "-110"),
        new(FilterForward, "filter", "forward", "-110"),
        new(FilterOutput, "filter", "output", "-110"),
        new(FilterOutputPostDnat, "filter", "output", "-90"),
        new(NatPrerouting, "nat", "prerouting", "-100"),
        new(NatOutput, "nat", "output", "-100"),
        new(NatPostrouting, "nat", "postrouting", "100"),
    ];

    /// <summary>(destination chain, source base chain, condition). The endpoint checks cannot hang off prerouting
    /// because reject is only valid in input, forward and output (on kernels before 5.9).</summary>
    public static readonly IReadOnlyList<(string To, string From, string Condition)> JumpChains =
    [
        (NodePortEndpointsCheckChain, FilterInput, "ct state new"),
        (ServiceEndpointsCheckChain, FilterInput, "ct state new"),
        (ServiceEndpointsCheckChain, FilterForward, "ct state new"),
        (ServiceEndpointsCheckChain, FilterOutput, "ct state new"),
        (FirewallCheckChain, FilterPrerouting, "ct state new"),
        (FirewallCheckChain, FilterOutput, "ct state new"),
        (ServicesChain, NatOutput, ""),
        (ServicesChain, NatPrerouting, ""),
        (MasqueradingChain, NatPostrouting, ""),
        (ClusterIPsCheckChain, FilterForward, "ct state new"),
        (ClusterIPsCheckChain, FilterOutputPostDnat, "ct state new"),
    ];

    /// <summary>The maps and sets whose elements the per-port rendering owns (flushed on a full sync).</summary>
    public static IEnumerable<object> Containers(FamilySyntax f) =>
    [
        new NftSet(ClusterIPsSet, f.AddrType, Comment: "Active ClusterIPs"),
        new NftMap(NoEndpointServicesMap, f.AddrType + " . inet_proto . inet_service : verdict", Comment: "vmap to drop or reject packets to services with no endpoints"),
        new NftMap(NoEndpointNodePortsMap, "inet_proto . inet_service : verdict", Comment: "vmap to drop or reject packets to service nodeports with no endpoints"),
        new NftMap(FirewallIPsMap, f.AddrType + " . inet_proto . inet_service : verdict", Comment: "destinations that are subject to LoadBalancerSourceRanges"),
        new NftMap(ServiceIPsMap, f.AddrType + " . inet_proto . inet_service : verdict", Comment: "ClusterIP, ExternalIP and LoadBalancer IP traffic"),
        new NftMap(ServiceNodePortsMap, "inet_proto . inet_service : verdict", Comment: "NodePort traffic"),
    ];

    public static void Write(NftTransaction tx, NftTable table, ProxyState state, FamilySyntax f)
    {
        tx.Add(table);
        foreach (var bc in BaseChains)
        {
            tx.Add(bc);
            tx.Flush(bc);
        }
        var created = new HashSet<string>(StringComparer.Ordinal);
        void Ensure(string chain, string? comment = null)
        {
            if (!created.Add(chain)) return;
            tx.Add(new NftChain(chain, Comment: comment));
            tx.Flush(new NftChain(chain));
        }
        foreach (var (to, from, condition) in JumpChains)
        {
            Ensure(to);
            tx.Add(new NftRule(from, condition.Length == 0 ? $"jump {to}" : $"{condition} jump {to}"));
        }
        foreach (var chain in new[] { ServicesChain, ClusterIPsCheckChain, MasqueradingChain, MarkMasqChain })
            Ensure(chain);

        tx.Add(new NftRule(MarkMasqChain, $"mark set mark or {MasqueradeMark}"));
        tx.Add(new NftRule(MasqueradingChain, $"mark and {MasqueradeMark} == 0 return"));
        tx.Add(new NftRule(MasqueradingChain, $"mark set mark xor {MasqueradeMark}"));
        tx.Add(new NftRule(MasqueradingChain, "masquerade fully-random"));

        var containers = Containers(f).ToList();
        tx.Add(containers[0]);
        tx.Add(new NftRule(ClusterIPsCheckChain, $"{f.Ip} daddr @{ClusterIPsSet} reject", "Reject traffic to invalid ports of ClusterIPs"));
        var serviceCidrs = state.ServiceCidrs.Where(c => System.Net.IPNetwork.TryParse(c, out var n) && n.BaseAddress.AddressFamily == f.AddressFamily).ToList();
        if (serviceCidrs.Count > 0)
            tx.Add(new NftRule(ClusterIPsCheckChain, $"{f.Ip} daddr {{ {string.Join(" , ", serviceCidrs)} }} drop", "Drop traffic to unallocated ClusterIPs"));

        // NodePorts answer on the node's addresses when they are known (kube-proxy's default "primary" node port
        // addresses), else on every local address but localhost.
        var nodeIPs = state.NodeIPs.Where(ip => ip.AddressFamily == f.AddressFamily && !System.Net.IPAddress.IsLoopback(ip)).ToList();
        var nodePortIPs = new NftSet(NodePortIPsSet, f.AddrType, Comment: "IPs that accept NodePort traffic");
        tx.Add(nodePortIPs);
        if (nodeIPs.Count == 0)
            tx.Delete(nodePortIPs);
        else
        {
            tx.Flush(nodePortIPs);
            foreach (var ip in nodeIPs)
                tx.Add(new NftElement(NodePortIPsSet, [ip.ToString()]));
        }

        tx.Add(containers[1]);
        tx.Add(containers[2]);
        tx.Add(new NftChain(RejectChain, Comment: "helper for @no-endpoint-services / @no-endpoint-nodeports"));
        tx.Flush(new NftChain(RejectChain));
        tx.Add(new NftRule(RejectChain, "reject"));
        tx.Add(new NftRule(ServiceEndpointsCheckChain, $"{f.Ip} daddr . meta l4proto . th dport vmap @{NoEndpointServicesMap}"));
        tx.Add(new NftRule(NodePortEndpointsCheckChain, nodeIPs.Count == 0
            ? $"{f.NoLocalhost} meta l4proto . th dport vmap @{NoEndpointNodePortsMap}"
            : $"{f.Ip} daddr @{NodePortIPsSet} meta l4proto . th dport vmap @{NoEndpointNodePortsMap}"));

        tx.Add(containers[3]);
        Ensure(FirewallCheckChain);
        tx.Add(new NftRule(FirewallCheckChain, $"{f.Ip} daddr . meta l4proto . th dport vmap @{FirewallIPsMap}"));

        tx.Add(containers[4]);
        tx.Add(containers[5]);
        tx.Add(new NftRule(ServicesChain, $"{f.Ip} daddr . meta l4proto . th dport vmap @{ServiceIPsMap}"));
        tx.Add(new NftRule(ServicesChain, nodeIPs.Count == 0
            ? $"fib daddr type local {f.NoLocalhost} meta l4proto . th dport vmap @{ServiceNodePortsMap}"
            : $"{f.Ip} daddr @{NodePortIPsSet} meta l4proto . th dport vmap @{ServiceNodePortsMap}"));

        foreach (var container in containers)
            tx.Flush(container);
    }
}
