// The kernel data plane's kube-proxies: one NodeProxy per node, writing the node's `kube-proxy` nftables table inside
// its namespace, fed by the controllers' shared informers (Services, EndpointSlices, Nodes); and the host's routes to
// LoadBalancer addresses, kept in line with what the proxies last synced. Runs as an extra controller of the controller
// manager (started with the others, stopped with the daemon); a failed sync is logged and retried, never fatal.
// `kinet proxy rules` reads State(node) and ListRulesAsync(node).
using System.Net;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;
using Kinet.Model.Cluster;
using Kinet.Model.Services;
using Kinet.Node.Network;
using Kinet.Node.Nftables;
using Kinet.Proxy.Nftables;
using Kinet.Proxy.Sync;

namespace Kinet.Cli.Proxy;

internal sealed class ServiceProxies
{
    private readonly ClusterNetwork _network;
    private readonly Action<string> _log;
    private readonly Dictionary<string, NodeProxy> _byNode;
    private readonly SemaphoreSlim _routesChanged = new(0);
    private int _bound;

    public ServiceProxies(ClusterSpec spec, ClusterNetwork network, Action<string> log, TimeProvider? clock = null)
    {
        _network = network;
        _log = log;
        Proxies = spec.Nodes.Select(n =>
        {
            var netns = network.NodeNetnsName(n.Name);
            var proxy = new NodeProxy(new NodeProxyOptions
            {
                Node = n.Name,
                Nftables = new NetnsNftables(netns),
                Renderer = new ProxierRenderer(new NftablesProxier()),
                Conntrack = new NodeConntrack(new NetnsConntrack(netns)),
                NodeIPs = [n.InternalIP],
                PodCidrs = [spec.PodSubnet.ToString()],
                ServiceCidrs = [spec.ServiceSubnet.ToString()],
                // A change after a quiet spell still syncs at once; in a burst it waits at most half a second (the 1 s
                // bound on endpoint removal holds), and `nft -f` — whose cost grows with the table, as nft loads its
                // cache of the table first — runs at most twice a second per node while thousands of Services arrive.
                MinSyncPeriod = TimeSpan.FromMilliseconds(500),
                Clock = clock ?? TimeProvider.System,
                Log = log,
            });
            proxy.Synced += _ => RoutesMayHaveChanged();
            return proxy;
        }).ToList();
        _byNode = Proxies.ToDictionary(p => p.Node, StringComparer.Ordinal);
    }

    /// <summary>Every node's proxy, in cluster order.</summary>
    public IReadOnlyList<NodeProxy> Proxies { get; }

    public NodeProxy? Get(string node) => _byNode.GetValueOrDefault(node);

    /// <summary>The state <paramref name="node"/>'s rules were last synced to (for the iptables/ipvs views), or null
    /// for an unknown node.</summary>
    public ProxyState? State(string node) => Get(node)?.State;

    /// <summary>The node's live `kube-proxy` table as nft prints it; null when it does not exist (yet).</summary>
    public Task<string?> ListRulesAsync(string node, CancellationToken ct) =>
        Get(node) is { } p ? p.ListRulesAsync(ct) : throw new ArgumentException($"no node {node}", nameof(node));

    /// <summary>The controller the daemon runs with the others.</summary>
    public ExtraController Controller => new("service-proxy", RunAsync);

    private async Task RunAsync(ControllerContext ctx, CancellationToken ct)
    {
        var services = ctx.Informers.For(Resources.Services);
        var slices = ctx.Informers.For(Resources.EndpointSlices);
        var nodes = ctx.Informers.For(Resources.Nodes);
        // Handlers once: a restarted controller must not feed every event twice.
        if (Interlocked.Exchange(ref _bound, 1) == 0)
        {
            services.AddHandler(e => { var (o, c) = Change(e); foreach (var p in Proxies) p.OnService(o, c); });
            slices.AddHandler(e => { var (o, c) = Change(e); foreach (var p in Proxies) p.OnEndpointSlice(o, c); });
            nodes.AddHandler(e => { if (e.Type != WatchEventType.Deleted) foreach (var p in Proxies) p.OnNode(e.Object); });
        }
        // kube-proxy's first sync waits for Services and EndpointSlices to be listed.
        await ctx.Informers.WaitForSyncAsync(ct, Resources.Services, Resources.EndpointSlices, Resources.Nodes).ConfigureAwait(false);
        await Task.WhenAll(Proxies.Select(p => KeepRunningAsync(p, ct)).Append(RouteLoopAsync(ct))).ConfigureAwait(false);
    }

    /// <summary>One node's loop, restarted after an unexpected failure so the other nodes never wait on it.</summary>
    private async Task KeepRunningAsync(NodeProxy proxy, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await proxy.RunAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                _log($"proxy {proxy.Node} failed, restarting: {e}");
                proxy.RequestFullSync();
                try { await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private static (System.Text.Json.Nodes.JsonObject? Old, System.Text.Json.Nodes.JsonObject? Current) Change(WatchEvent e) =>
        e.Type == WatchEventType.Deleted ? (e.Old ?? e.Object, null) : (e.Old, e.Object);

    private void RoutesMayHaveChanged()
    {
        if (_routesChanged.CurrentCount == 0) _routesChanged.Release();
    }

    /// <summary>After proxies sync: the host's LB routes follow the plan (only when it changed).</summary>
    private async Task RouteLoopAsync(CancellationToken ct)
    {
        IReadOnlyDictionary<IPAddress, string>? applied = null;
        while (!ct.IsCancellationRequested)
        {
            try { await _routesChanged.WaitAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            var plan = LoadBalancerRoutes.Plan(Proxies.Select(p => p.State).ToList());
            if (applied is not null && applied.Count == plan.Count && plan.All(kv => applied.TryGetValue(kv.Key, out var n) && n == kv.Value))
                continue;
            try
            {
                await _network.SetLoadBalancerRoutesAsync(plan, ct).ConfigureAwait(false);
                applied = plan;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _log($"load balancer routes on the host: {e.Message}");
                applied = null;
                _ = Task.Delay(TimeSpan.FromSeconds(1), ct).ContinueWith(_ => RoutesMayHaveChanged(), CancellationToken.None,
                    TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
        }
    }
}
