// Compares two versions of an object field by field (upstream typed compare walker): leaves and atomic values are
// Added/Removed/Modified; a map, struct or list item that appears or disappears as a whole is also recorded itself.
using System.Text.Json.Nodes;
using Kinet.Api.Schema;

namespace Kinet.Api.Patching.Apply;

internal sealed class TypedCompare
{
    private readonly Comparison result = new();
    private readonly List<PathElement> path = [];

    public static Comparison Compare(SchemaNode? root, JsonNode? lhs, JsonNode? rhs)
    {
        var c = new TypedCompare();
        c.Node(root, true, lhs, true, rhs);
        return c.result;
    }

    private void Node(SchemaNode? node, bool hasL, JsonNode? l, bool hasR, JsonNode? r)
    {
        var tl = TypeView.Of(node, l);
        var tr = TypeView.Of(node, r);
        bool leaf;
        if (!hasR) leaf = Handle(tl, true, l, false, null);
        else if (!hasL || tl.Shape == tr.Shape) leaf = Handle(tr, hasL, l, true, r);
        else
        {
            // Different shapes (only possible without a schema): the old children are gone, the value itself changed.
            Handle(tl, true, l, false, null, childrenOnly: true);
            leaf = Handle(tr, true, l, true, r);
        }
        if (!leaf)
        {
            if (!hasL) result.Added.Insert(path);
            else if (!hasR) result.Removed.Insert(path);
        }
    }

    // Returns whether the value was compared as one leaf.
    private bool Handle(TypeView t, bool hasL, JsonNode? l, bool hasR, JsonNode? r, bool childrenOnly = false)
    {
        switch (t.Shape)
        {
            case Shape.Scalar:
                if (!childrenOnly) Leaf(hasL, l, hasR, r);
                return true;
            case Shape.List:
            {
                var la = hasL ? l as JsonArray : null;
                var ra = hasR ? r as JsonArray : null;
                if (t.Atomic || ((la is null || la.Count == 0) && (ra is null || ra.Count == 0)))
                {
                    if (!childrenOnly) Leaf(hasL, l, hasR, r);
                    return true;
                }
                if (la is null && ra is null) return false;
                ListItemsCompare(t, la, ra);
                return false;
            }
            default:
            {
                var lo = hasL ? l as JsonObject : null;
                var ro = hasR ? r as JsonObject : null;
                if (t.Atomic || ((lo is null || lo.Count == 0) && (ro is null || ro.Count == 0)))
                {
                    if (!childrenOnly) Leaf(hasL, l, hasR, r);
                    return true;
                }
                if (lo is null && ro is null) return false;
                foreach (var key in Keys(lo, ro))
                {
                    JsonNode? lv = null, rv = null;
                    var inL = lo is not null && lo.TryGetPropertyValue(key, out lv);
                    var inR = ro is not null && ro.TryGetPropertyValue(key, out rv);
                    path.Add(PathElement.Field(key));
                    Node(t.FieldType(key), inL, lv, inR, rv);
                    path.RemoveAt(path.Count - 1);
                }
                return false;
            }
        }
    }

    private void Leaf(bool hasL, JsonNode? l, bool hasR, JsonNode? r)
    {
        if (!hasL) result.Added.Insert(path);
        else if (!hasR) result.Removed.Insert(path);
        else if (!JsonValues.Equal(l, r)) result.Modified.Insert(path);
    }

    private void ListItemsCompare(TypeView t, JsonArray? la, JsonArray? ra)
    {
        var list = t.List!;
        // No error list is collected here, so the path text for messages is never needed.
        var left = Group(ListItems.Index(list, la, "", null));
        var right = Group(ListItems.Index(list, ra, "", null));
        var all = left.Keys.Concat(right.Keys.Where(k => !left.ContainsKey(k))).ToList();
        foreach (var key in all)
        {
            var lList = left.GetValueOrDefault(key);
            var rList = right.GetValueOrDefault(key);
            var pe = (lList ?? rList)!.Pe;
            var lItems = lList?.Items ?? [];
            var rItems = rList?.Items ?? [];
            path.Add(pe);
            if (lItems.Count <= 1 && rItems.Count <= 1)
                Node(t.ItemType, lItems.Count == 1, lItems.FirstOrDefault(), rItems.Count == 1, rItems.FirstOrDefault());
            else if (lItems.Count >= 2 && rItems.Count >= 2)
            {
                // Duplicated before and after: compared as one atomic value.
                if (lItems.Count != rItems.Count || lItems.Zip(rItems).Any(p => !JsonValues.Equal(p.First, p.Second))) result.Modified.Insert(path);
            }
            else if (lItems.Count >= 2)
            {
                if (rItems.Count == 1) Node(t.ItemType, false, null, true, rItems[0]);
                result.Removed.Insert(path);
            }
            else
            {
                if (lItems.Count == 1) Node(t.ItemType, true, lItems[0], false, null);
                result.Added.Insert(path);
            }
            path.RemoveAt(path.Count - 1);
        }
    }

    private sealed record ItemGroup(PathElement Pe, List<JsonNode?> Items);

    // Items grouped by path element, in first-seen order (duplicates are legal in stored objects).
    private static Dictionary<string, ItemGroup> Group(List<(PathElement Pe, JsonNode? Item)> items)
    {
        var d = new Dictionary<string, ItemGroup>();
        foreach (var (pe, item) in items)
        {
            var k = pe.Serialize();
            if (d.TryGetValue(k, out var g)) g.Items.Add(item);
            else d[k] = new ItemGroup(pe, [item]);
        }
        return d;
    }

    // The union of both objects' keys, left's first (a hot path: no iterator, no hash set).
    private static List<string> Keys(JsonObject? l, JsonObject? r)
    {
        var keys = new List<string>((l?.Count ?? 0) + (r?.Count ?? 0));
        if (l is not null) foreach (var kv in l) keys.Add(kv.Key);
        if (r is not null) foreach (var kv in r) if (l is null || !l.ContainsKey(kv.Key)) keys.Add(kv.Key);
        return keys;
    }
}
