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

    /// <summary>The port the server block listens on (`.:53`).</summary>
    public int Port { get; init; } = 53;

    /// <summary>The cluster domain (the first zone that is not a reverse zone).</summary>
    public string ClusterDomain => Zones.FirstOrDefault(z => !z.EndsWith(".arpa.", StringComparison.Ordinal)) ?? "cluster.local.";
}
