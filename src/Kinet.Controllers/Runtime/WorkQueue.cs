// A work queue as client-go's: an item queued twice is processed once; an item added while being processed is
// processed again after Done; failed items come back with per-item exponential back-off.
namespace Kinet.Controllers.Runtime;

public sealed class WorkQueue<T> : IDisposable where T : notnull
{
    private readonly object _gate = new();
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _queued = [];
    private readonly HashSet<T> _processing = [];
    private readonly HashSet<T> _dirty = [];
    private readonly Dictionary<T, int> _failures = [];
    private readonly Dictionary<T, DateTimeOffset> _waitingUntil = [];
    private readonly Dictionary<T, DateTimeOffset> _lastTaken = []; // only for queues that coalesce (keys are Services, not pods)
    private bool _tracksTakes;
    private readonly SemaphoreSlim _available = new(0);
    private readonly TimeProvider _clock;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private bool _shutDown;

    public WorkQueue(TimeProvider? clock = null, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
    {
        _clock = clock ?? TimeProvider.System;
        _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(5);
        _maxDelay = maxDelay ?? TimeSpan.FromSeconds(30);
    }

    public int Count { get { lock (_gate) return _queue.Count; } }

    public void Add(T item)
    {
        lock (_gate)
        {
            if (_shutDown) return;
            if (_processing.Contains(item)) { _dirty.Add(item); return; }
            if (!_queued.Add(item)) return;
            _queue.Enqueue(item);
        }
        _available.Release();
    }

    /// <summary>
    /// Adds the item once <paramref name="delay"/> has passed. An item already waiting to be added at an earlier or equal
    /// time is not scheduled again (client-go's delaying queue), so a burst of delayed adds becomes one.
    /// </summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero) { Add(item); return; }
        var due = _clock.GetUtcNow() + delay;
        lock (_gate)
        {
            if (_shutDown) return;
            if (_waitingUntil.TryGetValue(item, out var existing) && existing <= due) return;
            _waitingUntil[item] = due;
        }
        ITimer? timer = null;
        timer = _clock.CreateTimer(_ =>
        {
            lock (_gate)
            {
                // A later AddAfter with an earlier due time owns the item now; this timer only adds if it is still the one.
                if (!_waitingUntil.TryGetValue(item, out var d) || d != due) { timer?.Dispose(); return; }
                _waitingUntil.Remove(item);
            }
            Add(item);
            timer?.Dispose();
        }, null, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Adds the item now if it was last taken for processing at least <paramref name="interval"/> ago, else when that
    /// interval has passed: an isolated change is handled at once, a burst of changes to one key is handled about once
    /// per interval (kube-controller-manager's --endpoint-updates-batch-period, without delaying the first change).
    /// </summary>
    public void AddCoalesced(T item, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero) { Add(item); return; }
        TimeSpan wait;
        lock (_gate)
        {
            _tracksTakes = true;
            wait = _lastTaken.TryGetValue(item, out var last) ? last + interval - _clock.GetUtcNow() : TimeSpan.Zero;
        }
        if (wait <= TimeSpan.Zero) Add(item);
        else AddAfter(item, wait);
    }

    /// <summary>Adds the item after its back-off: base × 2^failures, capped (client-go's ItemExponentialFailureRateLimiter).</summary>
    public TimeSpan AddRateLimited(T item)
    {
        int failures;
        lock (_gate)
        {
            failures = _failures.GetValueOrDefault(item);
            _failures[item] = failures + 1;
        }
        var delay = TimeSpan.FromTicks((long)Math.Min(_maxDelay.Ticks, _baseDelay.Ticks * Math.Pow(2, Math.Min(failures, 30))));
        AddAfter(item, delay);
        return delay;
    }

    /// <summary>Clears the item's back-off after it succeeded.</summary>
    public void Forget(T item)
    {
        lock (_gate) _failures.Remove(item);
    }

    /// <summary>The next item to process; call <see cref="Done"/> with it when finished.</summary>
    public async Task<T> TakeAsync(CancellationToken ct)
    {
        while (true)
        {
            await _available.WaitAsync(ct).ConfigureAwait(false);
            lock (_gate)
            {
                if (_queue.TryDequeue(out var item))
                {
                    _queued.Remove(item);
                    _processing.Add(item);
                    if (_tracksTakes) _lastTaken[item] = _clock.GetUtcNow();
                    return item;
                }
                if (_shutDown) throw new OperationCanceledException("the work queue was shut down");
            }
        }
    }

    public void Done(T item)
    {
        bool again;
        lock (_gate)
        {
            _processing.Remove(item);
            again = _dirty.Remove(item);
        }
        if (again) Add(item);
    }

    public void Dispose()
    {
        lock (_gate) _shutDown = true;
        _available.Release(int.MaxValue / 2);
    }
}
