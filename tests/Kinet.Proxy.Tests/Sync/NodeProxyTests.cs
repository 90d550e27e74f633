// The per-node sync loop: full first, incremental after, one transaction per burst of changes, a refused transaction
// leaves the applied state and makes the next sync full, stale UDP flows flushed. Time is moved by hand.
using Kinet.Model.Services;
using Kinet.Proxy.Sync;
using static Kinet.Proxy.Tests.Sync.Objects;

namespace Kinet.Proxy.Tests.Sync;

public sealed class NodeProxyTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ServicePortName Dns = new("ns1", "dns", "p", ServiceProtocol.Udp);
    private readonly ManualTime _time = new(T0);
    private readonly RecordingNftables _nft = new();
    private readonly StubRenderer _renderer = new();
    private readonly MemoryConntrack _conntrack = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _log = [];
    private readonly NodeProxy _proxy;
    private Task? _running;

    public NodeProxyTests() => _proxy = new NodeProxy(new NodeProxyOptions
    {
        Node = "n1", Nftables = _nft, Renderer = _renderer, Conntrack = _conntrack, Clock = _time,
        PodCidrs = ["10.244.0.0/16"], ServiceCidrs = ["10.96.0.0/12"], Log = _log.Add,
    });

    private async Task StartAsync()
    {
        _proxy.OnService(null, Service("web", "10.96.0.20"));
        _proxy.OnEndpointSlice(null, Slice("web-1", "web", "TCP", "10.244.1.5@n1"));
        _running = Task.Run(() => _proxy.RunAsync(_stop.Token));
        await _proxy.WaitForSyncCountAsync(1, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null) await _running;
        _stop.Dispose();
    }

    [Fact]
    public async Task The_first_sync_is_full_and_carries_the_clusters_ranges()
    {
        await StartAsync();
        var (state, full) = Assert.Single(_renderer.Calls);
        Assert.True(full);
        Assert.Equal(["10.244.0.0/16"], state.PodCidrs);
        Assert.Equal(["10.96.0.0/12"], state.ServiceCidrs);
        Assert.Single(_nft.Applied);
        Assert.Same(state, _proxy.State);
        Assert.Equal(1, _renderer.Committed);
        Assert.True(_proxy.LastSyncWasFull);
    }

    [Fact]
    public async Task A_burst_of_changes_within_the_min_sync_period_is_one_incremental_sync()
    {
        await StartAsync();
        _proxy.OnEndpointSlice(null, Slice("web-2", "web", "TCP", "10.244.2.5"));
        _proxy.OnEndpointSlice(null, Slice("web-3", "web", "TCP", "10.244.2.6"));
        _proxy.OnService(null, Service("other", "10.96.0.30"));
        await _time.TimerArmedBy(T0 + TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, _proxy.SyncCount);

        _time.Advance(TimeSpan.FromMilliseconds(100));
        await _proxy.WaitForSyncCountAsync(2, _stop.Token);
        Assert.Equal(2, _renderer.Calls.Count);
        var (state, full) = _renderer.Calls[1];
        Assert.False(full);
        Assert.Equal(3, state.EndpointsOf(new ServicePortName("ns1", "web", "p", ServiceProtocol.Tcp)).Count);
        Assert.Equal(2, state.Services.Count);
    }

    [Fact]
    public async Task A_refused_transaction_keeps_the_applied_state_and_the_retry_is_full()
    {
        await StartAsync();
        var before = _proxy.State;
        _nft.Refuse = "Error: Could not process rule: No such file or directory";
        _time.Advance(TimeSpan.FromSeconds(10)); // a quiet spell: the next change syncs at once
        _proxy.OnEndpointSlice(null, Slice("web-2", "web", "TCP", "10.244.2.5"));
        await _time.TimerArmedBy(_time.GetUtcNow() + TimeSpan.FromSeconds(1));
        Assert.Equal(1, _renderer.Failures);
        Assert.Equal(1, _proxy.FailedSyncCount);
        Assert.Same(before, _proxy.State);
        Assert.Contains("No such file", _proxy.LastError);
        Assert.Contains(_log, l => l.Contains("sync failed", StringComparison.Ordinal));

        _time.Advance(TimeSpan.FromSeconds(1));
        await _proxy.WaitForSyncCountAsync(2, _stop.Token);
        var (state, full) = _renderer.Calls[^1];
        Assert.True(full);
        Assert.Same(state, _proxy.State);
        Assert.Null(_proxy.LastError);
    }

    [Fact]
    public async Task Repeated_refusals_wait_longer_each_time()
    {
        await StartAsync();
        _nft.RefuseNext = 2;
        _time.Advance(TimeSpan.FromSeconds(10));
        _proxy.OnEndpointSlice(null, Slice("web-2", "web", "TCP", "10.244.2.5"));
        await _time.TimerArmedBy(_time.GetUtcNow() + TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        // The second refusal doubles the wait: nothing is due a second later, the retry comes after two.
        await _time.TimerArmedBy(_time.GetUtcNow() + TimeSpan.FromSeconds(2));
        Assert.False(_time.TimerArmedBy(_time.GetUtcNow() + TimeSpan.FromSeconds(1.5)).IsCompleted);
        Assert.Equal(2, _proxy.FailedSyncCount);
        Assert.Equal(1, _proxy.SyncCount);
        _time.Advance(TimeSpan.FromSeconds(2));
        await _proxy.WaitForSyncCountAsync(2, _stop.Token);
        Assert.True(_renderer.Calls[^1].Full);
    }

    [Fact]
    public async Task A_full_sync_comes_on_request_and_after_the_full_sync_period()
    {
        await StartAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        _proxy.RequestFullSync();
        await _proxy.WaitForSyncCountAsync(2, _stop.Token);
        Assert.True(_renderer.Calls[1].Full);

        await _time.TimerArmedBy(_time.GetUtcNow() + TimeSpan.FromHours(1));
        _time.Advance(TimeSpan.FromHours(1));
        await _proxy.WaitForSyncCountAsync(3, _stop.Token);
        Assert.True(_renderer.Calls[2].Full);
    }

    [Fact]
    public async Task A_gone_udp_endpoint_has_its_flows_flushed_and_tcp_changes_do_not_touch_conntrack()
    {
        _proxy.OnService(null, Service("dns", "10.96.0.10", port: 53, protocol: "UDP"));
        _proxy.OnEndpointSlice(null, Slice("dns-1", "dns", "UDP", "10.244.1.5", "10.244.2.5"));
        await StartAsync();
        _conntrack.Flows.Add(MemoryConntrack.Flow("10.96.0.10", 53, "10.244.1.5"));
        _conntrack.Flows.Add(MemoryConntrack.Flow("10.96.0.10", 53, "10.244.2.5"));
        var lists = _conntrack.Lists;

        _time.Advance(TimeSpan.FromSeconds(1));
        _proxy.OnEndpointSlice(null, Slice("web-2", "web", "TCP", "10.244.2.9"));
        await _proxy.WaitForSyncCountAsync(2, _stop.Token);
        Assert.Equal(lists, _conntrack.Lists);

        _time.Advance(TimeSpan.FromSeconds(1));
        _proxy.OnEndpointSlice(Slice("dns-1", "dns", "UDP", "10.244.1.5", "10.244.2.5"), Slice("dns-1", "dns", "UDP", "10.244.1.5"));
        await _proxy.WaitForSyncCountAsync(3, _stop.Token);
        Assert.Equal(["10.244.1.5:8080"], _proxy.State.EndpointsOf(Dns).Select(e => e.Key));
        Assert.Equal(["10.244.1.5"], _conntrack.Flows.Select(f => f.ReplySource.ToString()));
    }

    [Fact]
    public async Task The_live_rules_come_from_the_nodes_table()
    {
        Assert.Null(await _proxy.ListRulesAsync(CancellationToken.None));
        await StartAsync();
        Assert.Equal("table kube-proxy # 1 transactions", await _proxy.ListRulesAsync(CancellationToken.None));
    }
}
