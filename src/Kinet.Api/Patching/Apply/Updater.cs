// The ownership algebra of upstream merge.Updater: who owns what after an update or an apply, which fields conflict,
// and which fields an applier gave up (prune). Works on one apiVersion: Kinet serves one version per kind.
using System.Text.Json.Nodes;
using Kinet.Api.Schema;

namespace Kinet.Api.Patching.Apply;

internal sealed class Updater(SchemaNode root, FieldSet? ignored)
{
    /// <summary>Fields changed between old and new are taken from other managers (conflicts when !force); removed fields leave every manager.</summary>
    private Comparison Reassign(JsonObject oldObj, JsonObject newObj, ManagedFieldsState managers, ManagerKey workflow, bool force)
    {
        var compare = TypedCompare.Compare(root, oldObj, newObj);
        var filtered = compare.Without(ignored);
        var changed = filtered.Modified.Union(filtered.Added);
        var conflicts = new Dictionary<ManagerKey, FieldSet>();
        foreach (var (key, owned) in managers.Managers)
        {
            if (key == workflow) continue;
            var c = owned.Set.Intersection(changed);
            if (!c.IsEmpty) conflicts[key] = c;
        }
        if (!force && conflicts.Count > 0)
            throw new ApplyConflictException(conflicts
                .OrderBy(c => c.Key.Identifier, StringComparer.Ordinal)
                .SelectMany(c => c.Value.Paths().Select(p => new Conflict(c.Key, p)))
                .ToList());
        foreach (var key in managers.Managers.Keys.ToList())
        {
            if (key == workflow) continue;
            var owned = managers.Managers[key];
            var set = owned.Set;
            if (conflicts.TryGetValue(key, out var c)) set = set.Difference(c);
            set = set.Difference(filtered.Removed);
            managers.Managers[key] = owned with { Set = set };
        }
        foreach (var key in managers.Managers.Where(m => m.Value.Set.IsEmpty).Select(m => m.Key).ToList()) managers.Managers.Remove(key);
        return compare;
    }

    /// <summary>A non-apply write: the manager now owns what it changed and keeps what it owned and did not remove.</summary>
    public void Update(JsonObject live, JsonObject newObj, string version, ManagedFieldsState managers, ManagerKey manager)
    {
        var compare = Reassign(live, newObj, managers, manager, force: true);
        var previous = managers.Managers.GetValueOrDefault(manager)?.Set ?? new FieldSet();
        var set = previous.Difference(compare.Removed).Union(compare.Modified).Union(compare.Added);
        if (ignored is not null) set = set.RecursiveDifference(ignored);
        if (set.IsEmpty) managers.Managers.Remove(manager);
        else managers.Managers[manager] = new ManagedSet(set, version, false);
    }

    /// <summary>Merges the configuration into live; returns null when the object does not change.</summary>
    public JsonObject? Apply(JsonObject live, JsonObject config, string version, ManagedFieldsState managers, ManagerKey manager, bool force)
    {
        var merged = TypedMerge.Merge(root, live, config);
        var lastSet = managers.Managers.GetValueOrDefault(manager);
        var set = TypedFieldSet.Of(root, config);
        if (ignored is not null) set = set.RecursiveDifference(ignored);
        managers.Managers[manager] = new ManagedSet(set, version, true);
        merged = Prune(merged, managers, manager, lastSet);
        Reassign(live, merged, managers, manager, force);
        return JsonValues.Equal(live, merged) ? null : merged;
    }

    // Removes what the applier owned last time, no longer applies, and nobody else owns.
    private JsonObject Prune(JsonObject merged, ManagedFieldsState managers, ManagerKey applier, ManagedSet? lastSet)
    {
        if (lastSet is null || lastSet.Set.IsEmpty) return merged;
        var last = NamedFieldsAsMembers(lastSet.Set, root);
        var pruned = TypedRemove.Remove(root, merged, last);

        // Add back everything any manager (the applier's new configuration included) still owns.
        var owned = new FieldSet();
        foreach (var m in managers.Managers.Values) owned = owned.Union(m.Set);
        var mergedSet = NamedFieldsAsMembers(TypedFieldSet.Of(root, merged), root);
        var prunedSet = NamedFieldsAsMembers(TypedFieldSet.Of(root, pruned), root);
        pruned = TypedRemove.Remove(root, merged, mergedSet.Difference(prunedSet.Union(NamedFieldsAsMembers(owned, root))));

        // Only remove what the applier really owned before (not fields that vanished as a side effect).
        prunedSet = NamedFieldsAsMembers(TypedFieldSet.Of(root, pruned), root);
        return TypedRemove.Remove(root, merged, mergedSet.Difference(prunedSet).Intersection(last));
    }

    /// <summary>Upstream EnsureNamedFieldsAreMembers: a struct field with owned children counts as owned itself, so that removing
    /// all of its children removes the field too.</summary>
    internal static FieldSet NamedFieldsAsMembers(FieldSet set, SchemaNode? node)
    {
        var result = new FieldSet();
        foreach (var m in set.Members) result.AddMember(m);
        foreach (var (pe, child) in set.Children)
        {
            if (child.IsEmpty) continue;
            SchemaNode? childNode = null;
            if (pe.Kind == PathElementKind.Field && node is StructNode s)
            {
                childNode = s.Field(pe.FieldName!)?.Node;
                if (childNode is not null) result.AddMember(pe);
            }
            else if (pe.Kind == PathElementKind.Field && node is MapNode mn) childNode = mn.Values;
            else if (pe.Kind == PathElementKind.Key && node is ListNode l) childNode = l.Items;
            var converted = NamedFieldsAsMembers(child, childNode);
            var target = result.Descend(pe);
            foreach (var p in converted.Paths()) target.Insert(p);
        }
        return result;
    }
}
