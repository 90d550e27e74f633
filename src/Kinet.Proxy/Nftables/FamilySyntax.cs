// The family-dependent words of kube-proxy's rules: "ip"/"ip6", the address type, the no-localhost test, and the
// local-traffic detector (kube-proxy's detect-local-mode ClusterCIDR over the cluster's pod CIDRs).
using System.Net;
using System.Net.Sockets;
using Kinet.Nftables.Objects;

namespace Kinet.Proxy.Nftables;

internal sealed class FamilySyntax
{
    public FamilySyntax(NftFamily family, IReadOnlyList<string> podCidrs)
    {
        var v6 = family == NftFamily.Ip6;
        Ip = v6 ? "ip6" : "ip";
        AddrType = v6 ? "ipv6_addr" : "ipv4_addr";
        NoLocalhost = v6 ? "ip6 daddr != ::1" : "ip daddr != 127.0.0.0/8";
        AddressFamily = v6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        var cidrs = podCidrs.Where(c => IPNetwork.TryParse(c, out var n) && n.BaseAddress.AddressFamily == AddressFamily).ToList();
        if (cidrs.Count == 1)
        {
            IfLocal = $"{Ip} saddr {cidrs[0]}";
            IfNotLocal = $"{Ip} saddr != {cidrs[0]}";
        }
        else if (cidrs.Count > 1)
        {
            IfLocal = $"{Ip} saddr {{ {string.Join(" , ", cidrs)} }}";
            IfNotLocal = $"{Ip} saddr != {{ {string.Join(" , ", cidrs)} }}";
        }
    }

    public string Ip { get; }

    public string AddrType { get; }

    public string NoLocalhost { get; }

    public AddressFamily AddressFamily { get; }

    /// <summary>"ip saddr 10.244.0.0/16": traffic from a pod; null when the pod CIDRs are unknown (no detector).</summary>
    public string? IfLocal { get; }

    public string? IfNotLocal { get; }
}
