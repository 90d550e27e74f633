// An index over one informer's objects by their controller (owner reference with controller: true), plus the orphans
// of each namespace, so a controller finds the pods of one ReplicaSet (or the ReplicaSets of one Deployment) without
// scanning every object on every event, as client-go's indexers do for kube-controller-manager.
using Kinet.Controllers.Runtime;
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;

namespace Kinet.Controllers.Workloads;

internal sealed class OwnerIndex
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _byController = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _orphansByNamespace = new(StringComparer.Ordinal);
    // Where each object is filed now: its controller's UID, or "\0" + namespace for an orphan.
    private readonly Dictionary<string, string> _bucketOf = new(StringComparer.Ordinal);

    /// <summary>Files the change; call from the informer's handler before anything reads the index for it.</summary>
    public void Apply(WatchEvent e)
    {
        var key = ObjectJson.Key(e.Object);
        lock (_gate)
        {
            if (_bucketOf.Remove(key, out var previous)) Unfile(previous, key);
            if (e.Type == WatchEventType.Deleted) return;
            var uid = ObjectJson.ControllerUid(e.Object);
            var bucket = uid.Length > 0 ? uid : "\0" + ObjectJson.Namespace(e.Object);
            Bucket(bucket)[key] = e.Object;
            _bucketOf[key] = bucket;
        }
    }

    public IReadOnlyList<JsonObject> OwnedBy(string controllerUid)
    {
        lock (_gate) return _byController.TryGetValue(controllerUid, out var d) ? d.Values.ToArray() : [];
    }

    public int CountOwnedBy(string controllerUid)
    {
        lock (_gate) return _byController.TryGetValue(controllerUid, out var d) ? d.Count : 0;
    }

    public IReadOnlyList<JsonObject> Orphans(string ns)
    {
        lock (_gate) return _orphansByNamespace.TryGetValue(ns, out var d) ? d.Values.ToArray() : [];
    }

    private void Unfile(string bucket, string key)
    {
        var (map, name) = bucket.StartsWith('\0') ? (_orphansByNamespace, bucket[1..]) : (_byController, bucket);
        if (map.TryGetValue(name, out var d) && d.Remove(key) && d.Count == 0) map.Remove(name);
    }

    private Dictionary<string, JsonObject> Bucket(string bucket)
    {
        var (map, name) = bucket.StartsWith('\0') ? (_orphansByNamespace, bucket[1..]) : (_byController, bucket);
        if (!map.TryGetValue(name, out var d)) map[name] = d = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        return d;
    }
}
