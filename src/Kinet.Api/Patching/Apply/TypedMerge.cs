// Merges an applied configuration into the live object (upstream typed merge with the keep-right rule): scalars and
// atomic values from the configuration win; maps and structs merge field by field; list-map and set items merge by key,
// keeping the live order for items the configuration does not mention and the configuration's order for those it does.
using System.Text.Json.Nodes;
using Kinet.Api.Schema;

namespace Kinet.Api.Patching.Apply;

internal static class TypedMerge
{
    public static JsonObject Merge(SchemaNode? root, JsonObject live, JsonObject config) =>
        Node(root, true, live, true, config, out var outcome) && outcome is JsonObject o ? o : new JsonObject();

    // Returns whether there is a merged value (false: the field disappears).
    private static bool Node(SchemaNode? node, bool hasL, JsonNode? l, bool hasR, JsonNode? r, out JsonNode? merged)
    {
        var tl = TypeView.Of(node, l);
        var tr = TypeView.Of(node, r);
        if (!hasR) return Handle(tl, true, l, false, null, out merged);
        // With different shapes (no schema) the configuration's value stands alone.
        if (hasL && tl.Shape != tr.Shape) return Handle(tr, false, null, true, r, out merged);
        return Handle(tr, hasL, l, true, r, out merged);
    }

    private static bool Handle(TypeView t, bool hasL, JsonNode? l, bool hasR, JsonNode? r, out JsonNode? merged)
    {
        switch (t.Shape)
        {
            case Shape.Scalar:
                return Leaf(hasL, l, hasR, r, out merged);
            case Shape.List:
            {
                var la = hasL ? l as JsonArray : null;
                var ra = hasR ? r as JsonArray : null;
                if (t.Atomic || ((la is null || la.Count == 0) && (ra is null || ra.Count == 0))) return Leaf(hasL, l, hasR, r, out merged);
                merged = null;
                if (la is null && ra is null) return false;
                var items = MergeItems(t, la, ra);
                if (items.Count == 0) return false;
                merged = items;
                return true;
            }
            default:
            {
                var lo = hasL ? l as JsonObject : null;
                var ro = hasR ? r as JsonObject : null;
                if (t.Atomic || ((lo is null || lo.Count == 0) && (ro is null || ro.Count == 0))) return Leaf(hasL, l, hasR, r, out merged);
                merged = null;
                if (lo is null && ro is null) return false;
                var o = new JsonObject();
                foreach (var (key, lv) in lo ?? [])
                {
                    JsonNode? rv = null;
                    var inR = ro is not null && ro.TryGetPropertyValue(key, out rv);
                    if (Node(t.FieldType(key), true, lv, inR, rv, out var m)) o[key] = m;
                }
                foreach (var (key, rv) in ro ?? [])
                {
                    if (lo is not null && lo.ContainsKey(key)) continue;
                    if (Node(t.FieldType(key), false, null, true, rv, out var m)) o[key] = m;
                }
                if (o.Count == 0) return false;
                merged = o;
                return true;
            }
        }
    }

    private static bool Leaf(bool hasL, JsonNode? l, bool hasR, JsonNode? r, out JsonNode? merged)
    {
        merged = hasR ? r?.DeepClone() : hasL ? l?.DeepClone() : null;
        return hasR || hasL;
    }

    // Upstream's ordering: walk both lists; shared items come in the configuration's order, live-only items stay where
    // they were relative to the shared ones, configuration-only items come where the configuration puts them.
    private static JsonArray MergeItems(TypeView t, JsonArray? la, JsonArray? ra)
    {
        var list = t.List!;
        var unkeyed = new List<string>();
        var lhs = ListItems.Index(list, la, "", unkeyed);
        var rhs = ListItems.Index(list, ra, "", null);
        var lFirst = new Dictionary<string, JsonNode?>();
        var lCount = new Dictionary<string, int>();
        foreach (var (pe, item) in lhs)
        {
            var k = pe.Serialize();
            lFirst.TryAdd(k, item);
            lCount[k] = lCount.GetValueOrDefault(k) + 1;
        }
        var rByKey = new Dictionary<string, JsonNode?>();
        foreach (var (pe, item) in rhs) rByKey.TryAdd(pe.Serialize(), item);

        var shared = new Queue<string>(rhs.Select(p => p.Pe.Serialize()).Where(lFirst.ContainsKey));
        string? nextShared = shared.Count > 0 ? shared.Dequeue() : null;
        var mergedRhs = new HashSet<string>();
        var output = new JsonArray();

        void Emit(bool hasL, JsonNode? lItem, bool hasR, JsonNode? rItem)
        {
            if (Node(t.ItemType, hasL, lItem, hasR, rItem, out var m)) output.Add(m);
        }

        // A live item that is duplicated cannot be merged: the configuration's item replaces all its copies.
        (bool, JsonNode?) LiveFor(string k) => lCount.GetValueOrDefault(k) == 1 ? (true, lFirst[k]) : (false, null);

        int li = 0, ri = 0;
        while (li < lhs.Count || ri < rhs.Count)
        {
            if (li < lhs.Count && ri < rhs.Count)
            {
                var lk = lhs[li].Pe.Serialize();
                var rk = rhs[ri].Pe.Serialize();
                if (lhs[li].Pe.Equals(rhs[ri].Pe) && !mergedRhs.Contains(rk))
                {
                    mergedRhs.Add(lk);
                    var (hasL, lItem) = LiveFor(lk);
                    Emit(hasL, lItem, true, rByKey[rk]);
                    li++;
                    ri++;
                    nextShared = shared.Count > 0 ? shared.Dequeue() : null;
                    continue;
                }
                if (rByKey.ContainsKey(lk) && nextShared is not null && nextShared != lk)
                {
                    li++;
                    continue;
                }
            }
            if (li < lhs.Count)
            {
                var lk = lhs[li].Pe.Serialize();
                if (!rByKey.ContainsKey(lk))
                {
                    Emit(true, lhs[li].Item, false, null);
                    li++;
                    continue;
                }
                if (mergedRhs.Contains(lk)) li++;
            }
            if (ri < rhs.Count)
            {
                var rk = rhs[ri].Pe.Serialize();
                if (!mergedRhs.Contains(rk))
                {
                    mergedRhs.Add(rk);
                    var (hasL, lItem) = lFirst.ContainsKey(rk) ? LiveFor(rk) : (false, null);
                    Emit(hasL, lItem, true, rByKey[rk]);
                }
                ri++;
                if (nextShared == rk) nextShared = shared.Count > 0 ? shared.Dequeue() : null;
            }
        }
        // Live items that cannot be keyed (invalid, but possibly stored) are kept rather than lost.
        if (unkeyed.Count > 0)
            foreach (var item in la!)
                if (ListItems.Element(list, item, out _) is null) output.Add(item?.DeepClone());
        return output;
    }
}
