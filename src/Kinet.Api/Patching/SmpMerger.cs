// The merge walk of strategic merge patch over GoJson values; each step mirrors a function of upstream's
// strategicpatch/patch.go so that results (including list order) and errors are the same.
using Kinet.Api.Schema;
using Map = System.Collections.Generic.OrderedDictionary<string, object?>;

namespace Kinet.Api.Patching;

internal static class SmpMerger
{
    private readonly record struct Meta(SchemaNode? Node, string Strategy, string MergeKey)
    {
        // Like upstream's LookupPatchMetadataForSlice, a non-list field patched with a list describes its items itself.
        public SchemaNode? Items => Node is ListNode l ? l.Items : Node;
    }

    // Unknown fields get no metadata: maps merge and lists are replaced, as in a JSON merge patch.
    private static Meta Lookup(SchemaNode? schema, string key)
    {
        switch (schema)
        {
            case StructNode s when s.Field(key) is { } f:
                var strategy = f.PatchStrategy.HasFlag(PatchStrategy.Merge) ? "merge" : f.PatchStrategy.HasFlag(PatchStrategy.Replace) ? "replace" : "";
                return new Meta(f.Node, strategy, f.PatchMergeKey ?? "");
            case MapNode m:
                return new Meta(m.Values, "", "");
            default:
                return new Meta(null, "", "");
        }
    }

    public static Map MergeMap(Map? original, Map patch, SchemaNode? schema)
    {
        if (patch.TryGetValue(StrategicMergePatch.PatchDirective, out var directive))
        {
            switch (directive)
            {
                case "replace":
                    patch.Remove(StrategicMergePatch.PatchDirective);
                    return patch;
                case "delete":
                    return StrategicMergePatch.NewMap();
                default:
                    throw BadPatchType(directive, patch);
            }
        }
        original ??= StrategicMergePatch.NewMap();
        ApplyRetainKeys(original, patch);
        MergeSetElementOrderLists(original, patch, schema);

        foreach (var (rawKey, patchValue) in patch.ToList())
        {
            var key = rawKey;
            var isDeleteList = false;
            if (rawKey.StartsWith(StrategicMergePatch.DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                key = ExtractKey(rawKey, StrategicMergePatch.DeleteFromPrimitiveListPrefix);
                isDeleteList = true;
            }
            if (patchValue is null)
            {
                original.Remove(key);
                continue;
            }
            if (!original.TryGetValue(key, out var originalValue) || GoJson.TypeName(originalValue) != GoJson.TypeName(patchValue))
            {
                if (!isDeleteList) SetWithoutDirectives(original, key, DiscardNulls(patchValue));
                continue;
            }
            var meta = Lookup(schema, key);
            switch (originalValue)
            {
                case Map om:
                    original[key] = meta.Strategy == "replace" ? (Map)patchValue : MergeMap(om, (Map)patchValue, meta.Node);
                    break;
                case List<object?> ol:
                    original[key] = MergeSliceHandler(ol, (List<object?>)patchValue, meta.Items, meta.Strategy, meta.MergeKey, isDeleteList);
                    break;
                default:
                    SetWithoutDirectives(original, key, patchValue);
                    break;
            }
        }
        return original;
    }

    private static void SetWithoutDirectives(Map target, string key, object? value)
    {
        var (v, keep) = RemoveDirectives(value);
        if (keep) target[key] = v;
        else target.Remove(key);
    }

    // $retainKeys: every field the patch sets must be listed, and fields of the original that are not listed are cleared.
    private static void ApplyRetainKeys(Map original, Map patch)
    {
        if (!patch.Remove(StrategicMergePatch.RetainKeysDirective, out var retain)) return;
        if (retain is not List<object?> list) throw PatchErrors.BadRequest("invalid patch format of retainKeys");
        var keep = new HashSet<object?>(list);
        foreach (var (k, v) in patch)
        {
            if (v is null || k.StartsWith(StrategicMergePatch.DeleteFromPrimitiveListPrefix, StringComparison.Ordinal)
                || k.StartsWith(StrategicMergePatch.SetElementOrderPrefix, StringComparison.Ordinal)) continue;
            if (!keep.Contains(k)) throw PatchErrors.BadRequest("invalid patch format of retainKeys");
        }
        foreach (var k in original.Keys.Where(k => !keep.Contains(k)).ToList()) original.Remove(k);
    }

    // $setElementOrder/<list>: merge the list (if patched) and order the result by the directive, keeping server-only
    // items where they were relative to the others. Processed lists are removed from the patch.
    private static void MergeSetElementOrderLists(Map original, Map patch, SchemaNode? schema)
    {
        foreach (var (key, orderValue) in patch.ToList())
        {
            if (!key.StartsWith(StrategicMergePatch.SetElementOrderPrefix, StringComparison.Ordinal)) continue;
            patch.Remove(key);
            if (orderValue is not List<object?> order) throw BadArgType("[]interface {}", orderValue);
            var listKey = ExtractKey(key, StrategicMergePatch.SetElementOrderPrefix);
            List<object?>? originalList = null, patchList = null;
            var foundOriginal = original.TryGetValue(listKey, out var ov);
            var foundPatch = patch.TryGetValue(listKey, out var pv);
            if (foundOriginal) originalList = ov as List<object?> ?? throw BadArgType("[]interface {}", ov);
            if (foundPatch) patchList = pv as List<object?> ?? throw BadArgType("[]interface {}", pv);
            var meta = Lookup(schema, listKey);
            ValidatePatchWithSetOrderList(patchList ?? [], order, meta.MergeKey);

            List<object?> merged;
            if (foundOriginal && !foundPatch) merged = originalList!;
            else if (!foundOriginal && foundPatch) merged = (List<object?>)RemoveDirectives(patchList).Value!;
            else if (foundOriginal && foundPatch)
            {
                merged = MergeSliceHandler(originalList!, patchList!, meta.Items, meta.Strategy, meta.MergeKey, false, out var seen);
                originalList = seen;
            }
            else continue;

            var (patchItems, serverOnly) = meta.MergeKey.Length == 0
                ? PartitionPrimitives(merged, order)
                : PartitionMaps(merged, order, meta.MergeKey);
            var isMap = SliceElementIsMap(originalList ?? [], patchList ?? []);
            original[listKey] = NormalizeElementOrder(patchItems, serverOnly, order, originalList ?? [], meta.MergeKey, isMap);
            patch.Remove(listKey);
        }
    }

    private static void ValidatePatchWithSetOrderList(List<object?> patchList, List<object?> order, string mergeKey)
    {
        if (order.Count == 0 || patchList.Count == 0) return;
        var nonDelete = mergeKey.Length > 0 ? ExtractToDeleteItems(patchList).Keep : patchList;
        int p = 0, s = 0;
        while (p < nonDelete.Count && s < order.Count)
        {
            if (nonDelete[p] is Map m && m.ContainsKey(StrategicMergePatch.PatchDirective))
            {
                p++;
                continue;
            }
            if (MergeKeyValueEqual(nonDelete[p], order[s], mergeKey)) p++;
            s++;
        }
        if (p < nonDelete.Count && s >= order.Count)
            throw PatchErrors.Internal($"The order in patch list:\n{GoJson.Format(patchList)}\n doesn't match {StrategicMergePatch.SetElementOrderPrefix} list:\n{GoJson.Format(order)}\n");
    }

    private static bool MergeKeyValueEqual(object? left, object? right, string mergeKey)
    {
        if (mergeKey.Length == 0) return Equals(left, right);
        var l = left as Map ?? throw BadArgType("map[string]interface {}", left);
        var r = right as Map ?? throw BadArgType("map[string]interface {}", right);
        if (!l.TryGetValue(mergeKey, out var lv)) throw NoMergeKey(l, mergeKey);
        if (!r.TryGetValue(mergeKey, out var rv)) throw NoMergeKey(r, mergeKey);
        return Equals(lv, rv);
    }

    private static List<object?> MergeSliceHandler(List<object?> original, List<object?> patch, SchemaNode? items, string strategy, string mergeKey, bool isDeleteList) =>
        MergeSliceHandler(original, patch, items, strategy, mergeKey, isDeleteList, out _);

    // originalAfter is what a header over the original list sees once the merge has mutated its backing array.
    private static List<object?> MergeSliceHandler(List<object?> original, List<object?> patch, SchemaNode? items, string strategy, string mergeKey, bool isDeleteList, out List<object?> originalAfter)
    {
        originalAfter = original;
        return strategy == "merge" || isDeleteList ? MergeSlice(original, patch, items, mergeKey, isDeleteList, out originalAfter) : patch;
    }

    private static List<object?> MergeSlice(List<object?> originalList, List<object?> patch, SchemaNode? items, string mergeKey, bool isDeleteList, out List<object?> originalAfter)
    {
        originalAfter = originalList;
        if (originalList.Count == 0 && patch.Count == 0) return originalList;
        var isMap = SliceElementIsMap(originalList, patch);
        var original = GoSlice.Decoded(originalList);
        var originalLength = original.Length;
        GoSlice serverOrder;
        List<object?> merged;
        if (!isMap)
        {
            if (isDeleteList) return originalList.Where(v => !patch.Contains(v)).ToList();
            var both = original.Header();
            both.Append(patch);
            DeduplicateScalars(both);
            merged = both.ToList();
            serverOrder = original;
        }
        else
        {
            if (mergeKey.Length == 0) throw PatchErrors.Internal($"cannot merge lists without merge key for {(items as StructNode)?.Name ?? "struct"}");
            var (afterSpecial, plainPatch) = MergeSliceWithSpecialElements(original, patch, mergeKey);
            patch = plainPatch;
            serverOrder = afterSpecial.Header();
            merged = MergeSliceWithoutSpecialElements(afterSpecial, patch, mergeKey, items);
        }
        var (patchItems, serverOnly) = mergeKey.Length == 0 ? PartitionPrimitives(merged, patch) : PartitionMaps(merged, patch, mergeKey);
        var result = NormalizeElementOrder(patchItems, serverOnly, patch, serverOrder.ToList(), mergeKey, isMap);
        var view = original.Header();
        view.Truncate(originalLength);
        originalAfter = view.ToList();
        return result;
    }

    // Upstream's in-place dedup: a duplicate is overwritten by the last element and the slice shortened.
    private static void DeduplicateScalars(GoSlice s)
    {
        var last = s.Length - 1;
        for (var i = 0; i < last; i++)
            for (var j = i + 1; j <= last; j++)
                if (Equals(s[i], s[j]))
                {
                    s[j] = s[last];
                    s.Truncate(last);
                    last--;
                    j--;
                }
    }

    // $patch: delete removes the items with that key, $patch: replace makes the patch's other items the whole list.
    private static (GoSlice Original, List<object?> Patch) MergeSliceWithSpecialElements(GoSlice original, List<object?> patch, string mergeKey)
    {
        var plain = new List<object?>();
        var replace = false;
        foreach (var v in patch)
        {
            var item = (Map)v!;
            if (!item.TryGetValue(StrategicMergePatch.PatchDirective, out var directive))
            {
                plain.Add(v);
                continue;
            }
            switch (directive)
            {
                case "delete":
                    if (!item.TryGetValue(mergeKey, out var keyValue)) throw NoMergeKey(item, mergeKey);
                    int at;
                    while ((at = FindByKey(original.ToList(), mergeKey, keyValue)) >= 0) original.RemoveAt(at);
                    break;
                case "replace":
                    replace = true;
                    break;
                case "merge":
                    throw PatchErrors.Internal("merging lists cannot yet be specified in the patch");
                default:
                    throw BadPatchType(directive, item);
            }
        }
        return replace ? (GoSlice.Decoded(plain), []) : (original, plain);
    }

    private static Map AsMapAt(object? item, int index) =>
        item as Map ?? throw PatchErrors.Internal($"value for key {index} is not a map");

    private static List<object?> MergeSliceWithoutSpecialElements(GoSlice original, List<object?> patch, string mergeKey, SchemaNode? items)
    {
        foreach (var v in patch)
        {
            var item = (Map)v!;
            if (!item.TryGetValue(mergeKey, out var keyValue)) throw NoMergeKey(item, mergeKey);
            // Searching the growing list lets a later patch item merge into one appended before it, as upstream's does.
            var index = FindByKey(original.ToList(), mergeKey, keyValue);
            // New items are appended as sent (directives and nulls included), as upstream does.
            if (index < 0) original.Append([v]);
            else original[index] = MergeMap((Map)original[index]!, item, items);
        }
        return original.ToList();
    }

    private static int FindByKey(List<object?> list, string mergeKey, object? value)
    {
        for (var i = 0; i < list.Count; i++)
            if (AsMapAt(list[i], i).TryGetValue(mergeKey, out var v) && Equals(v, value)) return i;
        return -1;
    }

    private static (List<object?> InPatch, List<object?> ServerOnly) PartitionPrimitives(List<object?> merged, List<object?> by)
    {
        var set = new HashSet<object?>(by);
        return (merged.Where(set.Contains).ToList(), merged.Where(v => !set.Contains(v)).ToList());
    }

    private static (List<object?> InPatch, List<object?> ServerOnly) PartitionMaps(List<object?> merged, List<object?> by, string mergeKey)
    {
        var inPatch = new List<object?>();
        var serverOnly = new List<object?>();
        foreach (var v in merged)
        {
            var m = v as Map ?? throw BadArgType("map[string]interface {}", v);
            if (!m.TryGetValue(mergeKey, out var keyValue)) throw NoMergeKey(m, mergeKey);
            (FindByKey(by, mergeKey, keyValue) >= 0 ? inPatch : serverOnly).Add(v);
        }
        return (inPatch, serverOnly);
    }

    // Patch items in patch order, server-only items in server order, then interleaved: a server-only item goes
    // before a patch item only when both are in the server list and it came first there (new items lead).
    private static List<object?> NormalizeElementOrder(List<object?> patch, List<object?> serverOnly, List<object?> patchOrder, List<object?> serverOrder, string mergeKey, bool isMap)
    {
        patch = NormalizeSliceOrder(patch, patchOrder, mergeKey, isMap);
        serverOnly = NormalizeSliceOrder(serverOnly, serverOrder, mergeKey, isMap);
        var result = new List<object?>(patch.Count + serverOnly.Count);
        int i = 0, j = 0;
        while (i < serverOnly.Count || j < patch.Count)
        {
            if (i >= serverOnly.Count) result.Add(patch[j++]);
            else if (j >= patch.Count) result.Add(serverOnly[i++]);
            else
            {
                var li = IndexOf(serverOrder, serverOnly[i], mergeKey, isMap);
                var ri = IndexOf(serverOrder, patch[j], mergeKey, isMap);
                if (li >= 0 && ri >= 0 && li < ri) result.Add(serverOnly[i++]);
                else result.Add(patch[j++]);
            }
        }
        return result;
    }

    private static List<object?> NormalizeSliceOrder(List<object?> toSort, List<object?> order, string mergeKey, bool isMap)
    {
        var toDelete = new List<object?>();
        if (isMap)
        {
            foreach (var item in toSort.Concat(order))
            {
                var m = item as Map ?? throw BadArgType("map[string]interface {}", item);
                if (!m.ContainsKey(mergeKey)) throw NoMergeKey(m, mergeKey);
            }
            (toSort, toDelete) = ExtractToDeleteItems(toSort);
        }
        // Items missing from the order (which upstream's comparator treats inconsistently) lead.
        var sorted = toSort.OrderBy(v => IndexOf(order, v, mergeKey, isMap)).ToList();
        sorted.AddRange(toDelete);
        return sorted;
    }

    private static int IndexOf(List<object?> list, object? value, string mergeKey, bool isMap)
    {
        object? KeyOf(object? item) => isMap ? (item as Map)?.GetValueOrDefault(mergeKey) : item;
        var wanted = KeyOf(value);
        for (var i = 0; i < list.Count; i++)
            if (Equals(KeyOf(list[i]), wanted)) return i;
        return -1;
    }

    private static (List<object?> Keep, List<object?> Delete) ExtractToDeleteItems(List<object?> list)
    {
        var keep = new List<object?>();
        var delete = new List<object?>();
        foreach (var v in list)
        {
            var m = v as Map ?? throw BadArgType("map[string]interface {}", v);
            (m.TryGetValue(StrategicMergePatch.PatchDirective, out var d) && Equals(d, "delete") ? delete : keep).Add(v);
        }
        return (keep, delete);
    }

    // All items must have one Go type, and lists of lists are refused; returns whether the items are maps.
    private static bool SliceElementIsMap(params List<object?>[] lists)
    {
        string? type = null;
        foreach (var v in lists.SelectMany(l => l))
        {
            if (v is null) continue;
            var t = GoJson.TypeName(v);
            if (type is null)
            {
                if (v is List<object?>) throw PatchErrors.Unprocessable();
                type = t;
            }
            else if (type != t)
                throw PatchErrors.Internal("list element types are not identical: " + GoJson.Format(lists.Cast<object?>().ToList()));
        }
        if (type is null) throw PatchErrors.Internal("no elements in any of the given slices");
        return type == "map[string]interface {}";
    }

    /// <summary>Drops maps carrying $patch (and the fields holding them); returns whether the value itself is kept.</summary>
    internal static (object? Value, bool Keep) RemoveDirectives(object? value)
    {
        switch (value)
        {
            case Map m:
                if (m.ContainsKey(StrategicMergePatch.PatchDirective)) return (null, false);
                foreach (var (k, v) in m.ToList())
                {
                    var (nv, keep) = RemoveDirectives(v);
                    if (keep) m[k] = nv;
                    else m.Remove(k);
                }
                return (m, true);
            case List<object?> l:
                return (l.Select(RemoveDirectives).Where(r => r.Keep).Select(r => r.Value).ToList(), true);
            default:
                return (value, true);
        }
    }

    private static object? DiscardNulls(object? value)
    {
        switch (value)
        {
            case Map m:
                foreach (var (k, v) in m.ToList())
                {
                    if (v is null) m.Remove(k);
                    else DiscardNulls(v);
                }
                break;
            case List<object?> l:
                foreach (var v in l) DiscardNulls(v);
                break;
        }
        return value;
    }

    private static string ExtractKey(string key, string prefix)
    {
        var parts = key.Split('/', 2);
        if (parts.Length <= 1 || parts[0] != prefix)
            throw PatchErrors.BadRequest(prefix == StrategicMergePatch.DeleteFromPrimitiveListPrefix
                ? "invalid patch format of primitive list"
                : "invalid patch format of setElementOrder list");
        return parts[1];
    }

    private static Errors.ApiException NoMergeKey(Map m, string key) =>
        PatchErrors.Internal($"map: {GoJson.Format(m)} does not contain declared merge key: {key}");

    private static Errors.ApiException BadArgType(string expected, object? actual) =>
        PatchErrors.Internal($"expected a {expected}, but received a {(actual is null ? "%!s(<nil>)" : GoJson.TypeName(actual))}");

    private static Errors.ApiException BadPatchType(object? directive, Map m) =>
        PatchErrors.Internal($"unknown patch type: {GoJson.Format(directive)} in map: {GoJson.Format(m)}");
}
