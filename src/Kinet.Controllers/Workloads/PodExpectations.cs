// client-go's UIDTrackingControllerExpectations: the creations and deletions a controller has asked for and not yet
// seen in its informer. Until they are seen (or five minutes pass) the controller does not size its pods again, so it
// never creates a second batch for pods that merely have not reached the cache yet.
namespace Kinet.Controllers.Workloads;

public sealed class PodExpectations(TimeProvider clock)
{
    /// <summary>ExpectationsTimeout: after this, expectations count as met so a lost event cannot wedge a controller.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private sealed class Entry
    {
        public int Adds;
        public readonly HashSet<string> Deletes = new(StringComparer.Ordinal);
        public DateTimeOffset Set;
    }

    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Whether the controller of <paramref name="key"/> may create or delete pods now.</summary>
    public bool Satisfied(string key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var e)) return true;
            return (e.Adds <= 0 && e.Deletes.Count == 0) || clock.GetUtcNow() - e.Set > Timeout;
        }
    }

    public void ExpectCreations(string key, int count) => Set(key, count, []);

    public void ExpectDeletions(string key, IEnumerable<string> podKeys) => Set(key, 0, podKeys);

    public void CreationObserved(string key)
    {
        lock (_gate)
            if (_entries.TryGetValue(key, out var e)) e.Adds--;
    }

    /// <summary>A pod deletion seen (or given up on); only pods this controller expected to delete count, once each.</summary>
    public void DeletionObserved(string key, string podKey)
    {
        lock (_gate)
            if (_entries.TryGetValue(key, out var e)) e.Deletes.Remove(podKey);
    }

    public void Forget(string key)
    {
        lock (_gate) _entries.Remove(key);
    }

    private void Set(string key, int adds, IEnumerable<string> deletes)
    {
        var e = new Entry { Adds = adds, Set = clock.GetUtcNow() };
        e.Deletes.UnionWith(deletes);
        lock (_gate) _entries[key] = e;
    }
}
