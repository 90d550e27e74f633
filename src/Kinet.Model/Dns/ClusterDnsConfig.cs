// What the `kubernetes` and `forward` plugins of the coredns ConfigMap's Corefile configure (the subset Kinet serves).
// SEAM (written before the helpers started); the Corefile parser produces it.
using System.Net;

namespace Kinet.Model.Dns;

public enum PodsMode { Disabled, Insecure, Verified }

public sealed record ClusterDnsConfig
{
    /// <summary>Zones the kubernetes plugin is authoritative for (lower-case, trailing dot): the cluster domain and
    /// the reverse zones (<c>cluster.local.</c>, <c>in-addr.arpa.</c>, <c>ip6.arpa.</c>).</summary>
    public IReadOnlyList<string> Zones { get; init; } = ["cluster.local.", "in-addr.arpa.", "ip6.arpa."];

    /// <summary>`ttl` (0–3600, default 5).</summary>
    public uint Ttl { get; init; } = 5;

    /// <summary>`pods disabled|insecure|verified` (CoreDNS's default is disabled; the kubeadm Corefile says insecure).</summary>
    public PodsMode Pods { get; init; } = PodsMode.Insecure;

    /// <summary>`forward . <upstreams>`; empty means names outside the zones are REFUSED.</summary>
    public IReadOnlyList<IPEndPoint> Forward { get; init; } = [];

    /// <summary>`fallthrough [zones]`: names in these zones that the kubernetes plugin finds no records for
    /// (NXDOMAIN) go on like names outside the zones (<see cref="DnsAnswer.Outside"/>: forwarded, else REFUSED).
    /// `fallthrough` without zones is <c>["."]</c>. kubeadm's Corefile says `fallthrough in-addr.arpa ip6.arpa`.</summary>
    public IReadOnlyList<string> Fallthrough { get; init; } = ["in-addr.arpa.", "ip6.arpa."];

    /// <summary>`forward <from> ...`: only names under this zone are forwarded (lower-case, trailing dot).</summary>
    public string ForwardFrom { get; init; } = ".";

    /// <summary>`forward . /etc/resolv.conf`: upstreams named by a resolv.conf path instead of an address. CoreDNS
    /// reads the file's nameservers; Kinet's nodes have no resolvers, so such a forward adds no entry to
    /// <see cref="Forward"/> (names outside the zones are REFUSED) and the path is kept here for display.</summary>
    public IReadOnlyList<string> ForwardFiles { get; init; } = [];

    /// <summary>The server's own addresses (CoreDNS's localIPs, not from the Corefile): the NS records name the
    /// Service whose endpoints hold one of them. Empty: the `kube-dns` Service in `kube-system`.</summary>
    public IReadOnlyList<IPAddress> LocalAddresses { get; init; } = [];

    /// <summary>The port the server block listens on (`.:53`).</summary>
    public int Port { get; init; } = 53;

    /// <summary>The cluster domain (the first zone that is not a reverse zone).</summary>
    public string ClusterDomain => Zones.FirstOrDefault(z => !z.EndsWith(".arpa.", StringComparison.Ordinal)) ?? "cluster.local.";
}
