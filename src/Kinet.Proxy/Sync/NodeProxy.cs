// One node's kube-proxy: informer events go into a ProxyChangeTracker; a loop turns pending changes into one atomic
// nftables transaction per sync, at most once per MinSyncPeriod (a burst of changes is one sync; a lone change after a
// quiet spell syncs at once, as kube-proxy's BoundedFrequencyRunner). The first sync, one every FullSyncPeriod, one on
// RequestFullSync and the one after a refused transaction are full. After each applied sync that touched a UDP Service
// the stale UDP conntrack flows are flushed. Never throws out of RunAsync for a failed sync: it logs and retries.
using System.Net.Sockets;
using Kinet.Model.Services;
using Kinet.Nftables;

namespace Kinet.Proxy.Sync;

public sealed class NodeProxy
{
    private readonly NodeProxyOptions _o;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private DateTimeOffset? _dueAt;
    private DateTimeOffset _lastStart = DateTimeOffset.MinValue;
    private DateTimeOffset _nextFullAt = DateTimeOffset.MaxValue;
    private bool _full = true;
    private int _consecutiveFailures;
    private ProxyState _desired;
    private ProxyState _applied;
    private TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public NodeProxy(NodeProxyOptions options)
    {
        _o = options;
        Tracker = new ProxyChangeTracker(options.Node, options.Family);
        _desired = ProxyState.Empty(options.Node) with { NodeIPs = options.NodeIPs, PodCidrs = options.PodCidrs, ServiceCidrs = options.ServiceCidrs };
        _applied = _desired;
    }

    public string Node => _o.Node;

    public ProxyChangeTracker Tracker { get; }

    /// <summary>The state the node's rules were last successfully synced to (empty before the first sync).</summary>
    public ProxyState State
    {
        get { lock (_gate) return _applied; }
    }

    /// <summary>Syncs applied so far.</summary>
    public long SyncCount { get; private set; }

    /// <summary>Syncs whose transaction was refused (or failed otherwise).</summary>
    public long FailedSyncCount { get; private set; }

    public TimeSpan LastSyncDuration { get; private set; }

    /// <summary>Whether the last applied sync was a full one.</summary>
    public bool LastSyncWasFull { get; private set; }

    /// <summary>Raised after each applied sync (on the loop; keep handlers quick).</summary>
    public event Action<NodeProxy>? Synced;

    /// <summary>Why the last sync failed, null after a good one.</summary>
    public string? LastError { get; private set; }

    public void OnService(System.Text.Json.Nodes.JsonObject? old, System.Text.Json.Nodes.JsonObject? current)
    {
        if (Tracker.OnService(old, current)) Kick();
    }

    public void OnEndpointSlice(System.Text.Json.Nodes.JsonObject? old, System.Text.Json.Nodes.JsonObject? current)
    {
        if (Tracker.OnEndpointSlice(old, current)) Kick();
    }

    public void OnNode(System.Text.Json.Nodes.JsonObject? current)
    {
        if (Tracker.OnNode(current)) Kick();
    }

    /// <summary>The next sync rewrites everything (and comes soon).</summary>
    public void RequestFullSync()
    {
        lock (_gate) _full = true;
        Kick();
    }

    /// <summary>The node's live table as nft prints it (null when it does not exist yet).</summary>
    public Task<string?> ListRulesAsync(CancellationToken ct) => _o.Nftables.ListTableAsync(_o.Renderer.Table, ct);

    /// <summary>Completes once at least <paramref name="count"/> syncs have applied.</summary>
    public async Task WaitForSyncCountAsync(long count, CancellationToken ct)
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (SyncCount >= count) return;
                next = _synced.Task;
            }
            await next.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Syncs until <paramref name="ct"/> is cancelled; start it once the informers have listed (kube-proxy
    /// waits for Services and EndpointSlices to be synced before its first sync). The first sync comes at once.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        Kick();
        while (!ct.IsCancellationRequested)
        {
            if (TakeDue(out var full)) await SyncAsync(full, ct).ConfigureAwait(false);
            else await WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Whether a sync is due now (a change whose MinSyncPeriod has passed, or the periodic full one).</summary>
    private bool TakeDue(out bool full)
    {
        var now = _o.Clock.GetUtcNow();
        lock (_gate)
        {
            full = false;
            if (now >= _nextFullAt)
            {
                _full = true;
                _dueAt ??= now;
            }
            if (_dueAt is not { } due || due > now) return false;
            _dueAt = null;
            full = _full;
            _lastStart = now;
            return true;
        }
    }

    private async Task WaitAsync(CancellationToken ct)
    {
        TimeSpan delay;
        lock (_gate)
        {
            var wakeAt = _dueAt is { } due && due < _nextFullAt ? due : _nextFullAt;
            delay = wakeAt == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : wakeAt - _o.Clock.GetUtcNow();
        }
        if (delay != Timeout.InfiniteTimeSpan && delay <= TimeSpan.Zero) return;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var woken = _wake.WaitAsync(either.Token);
        var timer = delay == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, either.Token) : Task.Delay(delay, _o.Clock, either.Token);
        await Task.WhenAny(woken, timer).ConfigureAwait(false);
        await either.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(woken, timer).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }

    private void Kick()
    {
        lock (_gate)
        {
            if (_dueAt is null)
            {
                var earliest = _lastStart == DateTimeOffset.MinValue ? _lastStart : _lastStart + _o.MinSyncPeriod;
                var now = _o.Clock.GetUtcNow();
                _dueAt = earliest > now ? earliest : now;
            }
        }
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    /// <summary>One sync: check out the pending changes, render, apply atomically, flush stale UDP flows.</summary>
    internal async Task SyncAsync(bool full, CancellationToken ct)
    {
        var started = _o.Clock.GetTimestamp();
        ProxyState state;
        IReadOnlyCollection<ServicePortName> changed;
        lock (_gate)
        {
            state = Tracker.Checkout(_desired, out changed);
            if (state.NodeIPs.Count == 0) state = state with { NodeIPs = _o.NodeIPs };
            _desired = state;
        }
        try
        {
            var transaction = _o.Renderer.Sync(state, full);
            if (transaction.Count > 0) await _o.Nftables.RunAsync(transaction, ct).ConfigureAwait(false);
            _o.Renderer.Committed();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _o.Renderer.Failed();
            throw;
        }
        catch (Exception e)
        {
            _o.Renderer.Failed();
            TimeSpan wait;
            lock (_gate)
            {
                _full = true;
                // Doubling from RetryPeriod up to MaxRetryPeriod, so a lasting fault (nft missing) does not flood the log.
                wait = _o.RetryPeriod * Math.Pow(2, Math.Min(_consecutiveFailures++, 16));
                if (wait > _o.MaxRetryPeriod) wait = _o.MaxRetryPeriod;
                var retry = _o.Clock.GetUtcNow() + wait;
                if (_dueAt is null || _dueAt < retry) _dueAt = retry;
                FailedSyncCount++;
                LastError = e.Message;
            }
            _o.Log($"proxy {Node}: sync failed, full sync in {wait.TotalSeconds:0.###}s: {e.Message}");
            return;
        }
        var duration = _o.Clock.GetElapsedTime(started);
        TaskCompletionSource synced;
        lock (_gate)
        {
            _applied = state;
            if (full)
            {
                _full = false;
                var next = _o.Clock.GetUtcNow() + _o.FullSyncPeriod;
                _nextFullAt = next < _o.Clock.GetUtcNow() ? DateTimeOffset.MaxValue : next;
            }
            LastError = null;
            _consecutiveFailures = 0;
            LastSyncDuration = duration;
            LastSyncWasFull = full;
            SyncCount++;
            synced = _synced;
            _synced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        // Only a sync that touched a UDP port can leave stale UDP flows (a failed sync makes the next one full).
        if (_o.Conntrack is { } conntrack && (full || changed.Any(n => n.Protocol == ServiceProtocol.Udp)))
            await FlushStaleUdpAsync(conntrack, state, ct).ConfigureAwait(false);
        synced.TrySetResult();
        try { Synced?.Invoke(this); }
        catch (Exception e) { _o.Log($"proxy {Node}: a sync handler failed: {e.Message}"); }
    }

    private async Task FlushStaleUdpAsync(IConntrack conntrack, ProxyState state, CancellationToken ct)
    {
        if (!state.Services.Keys.Any(k => k.Protocol == ServiceProtocol.Udp)) return;
        try
        {
            var flows = await conntrack.ListUdpAsync(_o.Family, ct).ConfigureAwait(false);
            var filters = ConntrackCleanup.StaleFilters(state, flows);
            if (filters.Count > 0) await conntrack.ClearUdpAsync(filters, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _o.Log($"proxy {Node}: clearing stale UDP conntrack entries failed: {e.Message}");
        }
    }
}
