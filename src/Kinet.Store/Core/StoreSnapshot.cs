// An immutable view of every object at one revision. Readers take the current one without locking; the writer builds the
// next one from a committed batch and swaps it in.
using System.Collections.Immutable;

namespace Kinet.Store.Core;

internal sealed class StoreSnapshot(long revision, ImmutableDictionary<string, ImmutableSortedSet<StoredObject>> tables)
{
    public static readonly StoreSnapshot Empty = new(0, ImmutableDictionary<string, ImmutableSortedSet<StoredObject>>.Empty.WithComparers(StringComparer.Ordinal));

    public long Revision => revision;

    public StoredObject? Get(string resource, string ns, string name) =>
        tables.TryGetValue(resource, out var table) && table.TryGetValue(ObjectKeys.Probe(resource, ns, name), out var found) ? found : null;

    public ListResult List(string resource, string? ns, string? after, int limit, Func<StoredObject, bool>? filter)
    {
        if (!tables.TryGetValue(resource, out var table) || table.Count == 0) return new ListResult([], revision, null);

        var start = 0;
        if (ns is not null) start = LowerBound(table, ObjectKeys.Probe(resource, ns, ""), inclusive: true);
        if (after is not null)
        {
            var (afterNs, afterName) = ObjectKeys.Parse(after);
            start = Math.Max(start, LowerBound(table, ObjectKeys.Probe(resource, afterNs, afterName), inclusive: false));
        }

        var items = new List<StoredObject>(filter is not null ? 16 : limit > 0 ? Math.Min(limit, table.Count - start) : table.Count - start);
        string? continueAfter = null;
        foreach (var item in From(table, start))
        {
            if (ns is not null && item.Namespace != ns) break;
            if (limit > 0 && items.Count == limit)
            {
                // More remain in range (they may not pass the filter; a final empty page is allowed, losing one is not).
                continueAfter = ObjectKeys.Format(items[^1]);
                break;
            }
            if (filter is null || filter(item)) items.Add(item);
        }
        return new ListResult(items, revision, continueAfter);
    }

    /// <summary>The snapshot after a committed batch: every event applied in order, at the batch's last revision.</summary>
    public StoreSnapshot Apply(IReadOnlyList<ChangeEvent> events, long newRevision)
    {
        var builders = new Dictionary<string, ImmutableSortedSet<StoredObject>.Builder>(StringComparer.Ordinal);
        foreach (var change in events)
        {
            var o = change.Object;
            if (!builders.TryGetValue(o.Resource, out var builder))
            {
                var table = tables.TryGetValue(o.Resource, out var existing) ? existing : ImmutableSortedSet.Create(ObjectKeys.Order);
                builders[o.Resource] = builder = table.ToBuilder();
            }
            // The comparer only looks at the key, so Remove finds the old version of the same object.
            builder.Remove(o);
            if (change.Type != ChangeType.Deleted) builder.Add(o);
        }
        var next = tables.ToBuilder();
        foreach (var (resource, builder) in builders) next[resource] = builder.ToImmutable();
        return new StoreSnapshot(newRevision, next.ToImmutable());
    }

    /// <summary>Builds the snapshot a backend loaded from durable storage.</summary>
    public static StoreSnapshot Load(IEnumerable<StoredObject> objects, long revision)
    {
        var builders = new Dictionary<string, ImmutableSortedSet<StoredObject>.Builder>(StringComparer.Ordinal);
        foreach (var o in objects)
        {
            if (!builders.TryGetValue(o.Resource, out var builder)) builders[o.Resource] = builder = ImmutableSortedSet.CreateBuilder(ObjectKeys.Order);
            builder.Add(o);
        }
        var tables = Empty.TablesBuilder();
        foreach (var (resource, builder) in builders) tables[resource] = builder.ToImmutable();
        return new StoreSnapshot(revision, tables.ToImmutable());
    }

    private ImmutableDictionary<string, ImmutableSortedSet<StoredObject>>.Builder TablesBuilder() => tables.ToBuilder();

    // In-order from an index: the tree's own enumerator from the start (O(1) per item), the O(log n) indexer otherwise.
    private static IEnumerable<StoredObject> From(ImmutableSortedSet<StoredObject> table, int start)
    {
        if (start == 0)
        {
            foreach (var item in table) yield return item;
            yield break;
        }
        for (var i = start; i < table.Count; i++) yield return table[i];
    }

    // Index of the first item at or after (inclusive) / strictly after the probe's key.
    private static int LowerBound(ImmutableSortedSet<StoredObject> table, StoredObject probe, bool inclusive)
    {
        var index = table.IndexOf(probe);
        return index < 0 ? ~index : inclusive ? index : index + 1;
    }
}
