// The ReplicaSet controller's informer handlers (upstream's addPod/updatePod/deletePod and add/update/delete of
// ReplicaSets): keep the owner index current, count what the expectations wait for, and queue the sets concerned.
using Kinet.Controllers.Runtime;
using Kinet.Controllers.Client;
using Kinet.Model.Selectors;
using Kinet.Model.Workloads;
using System.Text.Json.Nodes;

namespace Kinet.Controllers.Workloads;

public sealed partial class ReplicaSetController
{
    private void OnReplicaSet(WatchEvent e)
    {
        _setsByOwner.Apply(e);
        var key = ObjectJson.Key(e.Object);
        if (e.Type == WatchEventType.Deleted || (e.Old is { } old && ObjectJson.Uid(old) != ObjectJson.Uid(e.Object)))
            Expectations.Forget(key);
        _queue.Add(key);
    }

    private void OnPod(WatchEvent e)
    {
        _podsByOwner.Apply(e);
        var pod = e.Object;
        if (e.Type != WatchEventType.Deleted) _ = PodView.Of(pod); // read once here, off the workers' path
        if (e.Type == WatchEventType.Deleted)
        {
            PodGone(pod);
            return;
        }
        if (e.Type == WatchEventType.Added)
        {
            if (ObjectJson.IsDeleting(pod)) PodGone(pod);
            else if (ObjectJson.ControllerOf(pod) is { } creator)
            {
                if (Resolve(ObjectJson.Namespace(pod), creator) is { } created)
                {
                    Expectations.CreationObserved(created);
                    _queue.Add(created);
                }
            }
            else EnqueueMatching(pod);
            return;
        }
        var old = e.Old;
        if (old is not null && ObjectJson.Str(old, "metadata", "resourceVersion") == ObjectJson.Str(pod, "metadata", "resourceVersion")) return;
        var labelsChanged = old is null || !SameLabels(PodView.LabelsOf(old), PodView.LabelsOf(pod));
        if (ObjectJson.IsDeleting(pod))
        {
            PodGone(pod);
            if (labelsChanged && old is not null) PodGone(old);
            return;
        }
        var oldOwner = old is null ? null : ObjectJson.ControllerOf(old);
        var owner = ObjectJson.ControllerOf(pod);
        var ownerChanged = ObjectJson.Str(oldOwner, "uid") != ObjectJson.Str(owner, "uid");
        if (ownerChanged && oldOwner is not null && Resolve(ObjectJson.Namespace(pod), oldOwner) is { } oldKey) _queue.Add(oldKey);
        if (owner is not null)
        {
            if (Resolve(ObjectJson.Namespace(pod), owner) is { } key)
            {
                _queue.Add(key);
                // A pod that just became ready is available minReadySeconds later: look again then.
                if (old is not null && !PodFacts.IsReady(old) && PodFacts.IsReady(pod) &&
                    _sets.Get(ObjectJson.Namespace(pod), ObjectJson.Str(owner, "name")) is { } rs &&
                    ObjectJson.Int(rs, 0, "spec", "minReadySeconds") is > 0 and var minReady)
                    _queue.AddAfter(key, TimeSpan.FromSeconds(minReady + 1));
            }
            return;
        }
        if (labelsChanged || ownerChanged) EnqueueMatching(pod);
    }

    private static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>A pod deleted or being deleted: its ReplicaSet has seen the deletion it may have been waiting for.</summary>
    private void PodGone(JsonObject pod)
    {
        if (ObjectJson.ControllerOf(pod) is not { } owner || Resolve(ObjectJson.Namespace(pod), owner) is not { } key) return;
        Expectations.DeletionObserved(key, ObjectJson.Key(pod));
        _queue.Add(key);
    }

    /// <summary>resolveControllerRef: the key of the ReplicaSet the reference names, if the cache has that very one.</summary>
    private string? Resolve(string ns, JsonObject ownerRef)
    {
        if (ObjectJson.Str(ownerRef, "kind") != "ReplicaSet") return null;
        var rs = _sets.Get(ns, ObjectJson.Str(ownerRef, "name"));
        return rs is not null && ObjectJson.Uid(rs) == ObjectJson.Str(ownerRef, "uid") ? ObjectJson.Key(rs) : null;
    }

    /// <summary>getPodReplicaSets: an orphan (or a pod whose labels changed) may be adopted by any ReplicaSet selecting it.</summary>
    private void EnqueueMatching(JsonObject pod)
    {
        var labels = ObjectJson.Labels(pod);
        foreach (var rs in _sets.List(ObjectJson.Namespace(pod)))
        {
            try
            {
                var selector = LabelSelector.FromLabelSelector(ObjectJson.At(rs, "spec", "selector") as JsonObject);
                if (!selector.IsEverything && selector.Matches(labels)) _queue.Add(ObjectJson.Key(rs));
            }
            catch (FormatException) { }
        }
    }
}
