// The garbage collector's view of ownership (client-go's GraphBuilder): every watched object by uid, and for every uid
// the objects whose metadata.ownerReferences name it, so that an owner and its dependents are found in O(1). It is fed
// by the informers' events and answers which objects need a look after each change.
using Kinet.Controllers.Client;

namespace Kinet.Controllers.GarbageCollection;

public sealed class OwnerGraph
{
    private readonly object _gate = new();
    private readonly Dictionary<string, GraphNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _dependents = new(StringComparer.Ordinal);

    public int Count { get { lock (_gate) return _nodes.Count; } }

    public GraphNode? Get(string uid)
    {
        lock (_gate) return _nodes.GetValueOrDefault(uid);
    }

    /// <summary>Every object that names <paramref name="ownerUid"/> among its owners.</summary>
    public IReadOnlyList<GraphNode> Dependents(string ownerUid)
    {
        lock (_gate)
            return _dependents.TryGetValue(ownerUid, out var deps) ? deps.Select(d => _nodes[d]).ToArray() : [];
    }

    public bool HasDependents(string ownerUid)
    {
        lock (_gate) return _dependents.TryGetValue(ownerUid, out var deps) && deps.Count > 0;
    }

    /// <summary>The dependents whose reference to <paramref name="ownerUid"/> has blockOwnerDeletion: foreground deletion waits for them.</summary>
    public IReadOnlyList<GraphNode> BlockingDependents(string ownerUid)
    {
        lock (_gate)
        {
            if (!_dependents.TryGetValue(ownerUid, out var deps)) return [];
            return deps.Select(d => _nodes[d]).Where(n => n.Owners.Any(o => o.Uid == ownerUid && o.BlockOwnerDeletion)).ToArray();
        }
    }

    public IReadOnlyList<string> Uids()
    {
        lock (_gate) return _nodes.Keys.ToArray();
    }

    /// <summary>Records an added or changed object; returns the uids that need a look because of the change.</summary>
    public IReadOnlyList<string> Upsert(GraphNode node)
    {
        if (node.Uid.Length == 0) return [];
        var attention = new List<string>();
        lock (_gate)
        {
            _nodes.TryGetValue(node.Uid, out var old);
            _nodes[node.Uid] = node;
            var oldOwners = old?.Owners ?? [];
            var ownersChanged = !oldOwners.SequenceEqual(node.Owners);
            if (ownersChanged)
            {
                foreach (var o in oldOwners)
                    if (!node.Owners.Any(n => n.Uid == o.Uid)) RemoveEdge(o.Uid, node.Uid);
                foreach (var o in node.Owners) AddEdge(o.Uid, node.Uid);
                // An owner deleting in the foreground may have just lost a blocking dependent.
                foreach (var o in oldOwners.Concat(node.Owners))
                    if (_nodes.TryGetValue(o.Uid, out var owner) && owner.DeletingDependents) attention.Add(o.Uid);
            }
            if (node.Owners.Count > 0 && (old is null || ownersChanged)) attention.Add(node.Uid);
            var stateChanged = old is null || old.Orphaning != node.Orphaning || old.DeletingDependents != node.DeletingDependents;
            if (stateChanged && (node.Orphaning || node.DeletingDependents)) attention.Add(node.Uid);
            // Starting a foreground deletion: every dependent is looked at, to be deleted in turn.
            if (node.DeletingDependents && old?.DeletingDependents != true && _dependents.TryGetValue(node.Uid, out var deps))
                attention.AddRange(deps);
        }
        return attention;
    }

    /// <summary>Forgets a deleted object; returns its dependents (their owner may be gone) and owners waiting for it.</summary>
    public IReadOnlyList<string> Remove(string uid)
    {
        var attention = new List<string>();
        lock (_gate)
        {
            if (!_nodes.Remove(uid, out var old)) return [];
            foreach (var o in old.Owners)
            {
                RemoveEdge(o.Uid, uid);
                if (_nodes.TryGetValue(o.Uid, out var owner) && owner.DeletingDependents) attention.Add(o.Uid);
            }
            // The dependents keep naming the uid until they change or go: their edges stay.
            if (_dependents.TryGetValue(uid, out var deps)) attention.AddRange(deps);
        }
        return attention;
    }

    private void AddEdge(string owner, string dependent)
    {
        if (!_dependents.TryGetValue(owner, out var set)) _dependents[owner] = set = new HashSet<string>(StringComparer.Ordinal);
        set.Add(dependent);
    }

    private void RemoveEdge(string owner, string dependent)
    {
        if (_dependents.TryGetValue(owner, out var set) && set.Remove(dependent) && set.Count == 0) _dependents.Remove(owner);
    }
}
