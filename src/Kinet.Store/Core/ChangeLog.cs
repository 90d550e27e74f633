// The recent committed events, oldest first, bounded by count and bytes, so watches can resume from a recent revision.
// Not thread-safe: the watch hub guards it with its lock.
namespace Kinet.Store.Core;

internal sealed class ChangeLog(long startRevision, int capacity, long maxBytes)
{
    private readonly ChangeEvent[] _ring = new ChangeEvent[capacity];
    private int _head; // index of the oldest event
    private int _count;
    private long _bytes;

    /// <summary>Every event with a revision above this one is still here.</summary>
    public long OldestWatchableRevision { get; private set; } = startRevision;

    public int Count => _count;

    public void Append(ChangeEvent change)
    {
        if (_count == _ring.Length) Evict();
        _ring[(_head + _count) % _ring.Length] = change;
        _count++;
        _bytes += change.Object.Json.Length;
        while (_bytes > maxBytes && _count > 0) Evict();
    }

    /// <summary>The events with revision &gt; <paramref name="afterRevision"/>, oldest first.</summary>
    public IEnumerable<ChangeEvent> After(long afterRevision)
    {
        // Revisions in the log increase, so binary search for the first one above afterRevision.
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (At(mid).Revision <= afterRevision) lo = mid + 1; else hi = mid;
        }
        for (var i = lo; i < _count; i++) yield return At(i);
    }

    private ChangeEvent At(int i) => _ring[(_head + i) % _ring.Length];

    private void Evict()
    {
        var oldest = _ring[_head];
        _ring[_head] = null!;
        _head = (_head + 1) % _ring.Length;
        _count--;
        _bytes -= oldest.Object.Json.Length;
        OldestWatchableRevision = oldest.Revision;
    }
}
