// The kube-proxy settings the iptables view assumes: kube-proxy 1.32's defaults on a current kernel (masquerade bit
// 14, --random-fully available, NodePorts on localhost allowed, nfacct counters present, nf_conntrack_tcp_be_liberal
// unset, detect-local by cluster CIDR). Tests that compare with upstream's fake proxier change a few of them.
namespace Kinet.Proxy.Views.Iptables;

public sealed record IptablesOptions
{
    /// <summary>fmt.Sprintf("%#08x", 1 &lt;&lt; masqueradeBit), as kube-proxy formats it.</summary>
    public string MasqueradeMark { get; init; } = "0x004000";

    public bool RandomFully { get; init; } = true;

    public bool LocalhostNodePorts { get; init; } = true;

    /// <summary>Whether the nfacct counters (ct_state_invalid_dropped_pkts, localhost_nps_accepted_pkts) exist.</summary>
    public bool NfacctCounters { get; init; } = true;

    public bool ConntrackTcpLiberal { get; init; }

    public bool MasqueradeAll { get; init; }

    /// <summary>kube-proxy switches comments off past this many endpoints (largeClusterEndpointsThreshold).</summary>
    public int LargeClusterEndpointsThreshold { get; init; } = 1000;

    public static IptablesOptions Default { get; } = new();
}
