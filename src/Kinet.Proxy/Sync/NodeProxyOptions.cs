// What one node's proxy loop needs: where the rules go, the renderer, the node's addresses and the cluster's ranges,
// and its timing (kube-proxy's --min-sync-period / --sync-period, shortened so an endpoint removal shows within 1 s).
using System.Net;
using System.Net.Sockets;
using Kinet.Nftables;

namespace Kinet.Proxy.Sync;

public sealed record NodeProxyOptions
{
    public required string Node { get; init; }

    public required INftables Nftables { get; init; }

    public required IProxyRenderer Renderer { get; init; }

    /// <summary>Stale UDP flows are flushed through it after a sync; none when null.</summary>
    public IConntrack? Conntrack { get; init; }

    public AddressFamily Family { get; init; } = AddressFamily.InterNetwork;

    /// <summary>NodePort addresses until the Node object names its InternalIP.</summary>
    public IReadOnlyList<IPAddress> NodeIPs { get; init; } = [];

    public IReadOnlyList<string> PodCidrs { get; init; } = [];

    public IReadOnlyList<string> ServiceCidrs { get; init; } = [];

    /// <summary>At most one sync per this period: a burst of changes becomes one sync (kube-proxy's minSyncPeriod,
    /// 1 s upstream; the daemon uses 500 ms, see ServiceProxies).</summary>
    public TimeSpan MinSyncPeriod { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A full resync this long after the last full one (kube-proxy's syncPeriod, which defaults to 1 h in
    /// nftables mode).</summary>
    public TimeSpan FullSyncPeriod { get; init; } = TimeSpan.FromHours(1);

    /// <summary>After a refused transaction, the next (full) attempt waits this long, doubling while they keep failing.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between failing attempts.</summary>
    public TimeSpan MaxRetryPeriod { get; init; } = TimeSpan.FromSeconds(30);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public Action<string> Log { get; init; } = _ => { };
}
