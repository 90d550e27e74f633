// Publishes committed batches: swaps in the new snapshot, appends to the change log and fans events out to watchers, all
// under one lock that Watch also takes, so a new watcher's replay and its live events meet without a gap or a duplicate.
namespace Kinet.Store.Core;

internal sealed class WatchHub(StoreSnapshot initial, StoreOptions options)
{
    private readonly Lock _lock = new();
    private readonly ChangeLog _log = new(initial.Revision, options.ChangeLogCapacity, options.ChangeLogMaxBytes);
    private readonly Dictionary<string, List<Watcher>> _byResource = new(StringComparer.Ordinal);
    private StoreSnapshot _snapshot = initial;
    private bool _closed;

    /// <summary>The newest published snapshot; lock-free.</summary>
    public StoreSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public long OldestWatchableRevision
    {
        get { lock (_lock) return _log.OldestWatchableRevision; }
    }

    public IWatch Watch(string resource, string? ns, long afterRevision)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (afterRevision < _log.OldestWatchableRevision) throw new StoreRevisionTooOldException(afterRevision, _log.OldestWatchableRevision);
            var watcher = new Watcher(this, resource, ns, afterRevision, options.WatchBufferLimit);
            watcher.Replay(_log.After(afterRevision).Where(change => change.Object.Resource == resource));
            if (!_byResource.TryGetValue(resource, out var list)) _byResource[resource] = list = [];
            list.Add(watcher);
            return watcher;
        }
    }

    public void Publish(StoreSnapshot next, IReadOnlyList<ChangeEvent> changes)
    {
        lock (_lock)
        {
            Volatile.Write(ref _snapshot, next);
            foreach (var change in changes)
            {
                _log.Append(change);
                if (!_byResource.TryGetValue(change.Object.Resource, out var watchers)) continue;
                // Backwards, so removing a watcher that fell behind does not skip the next one.
                for (var i = watchers.Count - 1; i >= 0; i--)
                {
                    var watcher = watchers[i];
                    if (watcher.Matches(change) && !watcher.Offer(change)) watchers.RemoveAt(i);
                }
            }
        }
    }

    public void Remove(Watcher watcher)
    {
        lock (_lock)
        {
            if (_byResource.TryGetValue(watcher.Resource, out var list)) list.Remove(watcher);
        }
        watcher.Complete();
    }

    /// <summary>Completes every watch; later Watch calls fail.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            foreach (var list in _byResource.Values)
                foreach (var watcher in list) watcher.Complete();
            _byResource.Clear();
        }
    }
}
