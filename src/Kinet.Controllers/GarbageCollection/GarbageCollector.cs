// kube-controller-manager's generic garbage collector: objects whose owners are all gone are deleted (in the background,
// or as their own orphan/foreground finalizer asks); references to gone owners are dropped while another owner remains;
// an owner with the `foregroundDeletion` finalizer has its dependents deleted in the foreground and loses the finalizer
// once no dependent blocks it; an owner with the `orphan` finalizer has every reference to it removed from its dependents,
// then loses the finalizer. Decisions read the informers' caches and the ownership graph; writes re-read the object and
// carry a UID precondition or its resourceVersion, so a stale cache never deletes an object that was adopted meanwhile.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;

namespace Kinet.Controllers.GarbageCollection;

public sealed class GarbageCollector
{
    public const string Manager = "generic-garbage-collector";
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>Never watched, as upstream's DefaultIgnoredResources: events are too many and own nothing.</summary>
    private static readonly HashSet<ResourceRef> Ignored = [new("", "events"), new("events.k8s.io", "events")];

    private const int AbsentOwnerCacheLimit = 100_000;
    private const int WriteAttempts = 5;

    private readonly ControllerContext _ctx;
    private readonly ResourceRef[] _resources;
    private readonly OwnerKinds _kinds;
    private readonly HashSet<string> _absentOwners = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private bool _handlersAdded;
    private WorkQueue<string>? _queue;

    public GarbageCollector(ControllerContext ctx, IReadOnlyList<ResourceRef> namespacedResources, IReadOnlyList<ResourceRef> clusterScopedResources)
    {
        _ctx = ctx;
        var namespaced = namespacedResources.Where(r => !Ignored.Contains(r)).Distinct().ToArray();
        var cluster = clusterScopedResources.Where(r => !Ignored.Contains(r)).Distinct().ToArray();
        _resources = [.. namespaced, .. cluster];
        _kinds = new OwnerKinds(namespaced, cluster);
    }

    /// <summary>The ownership graph (for tests and diagnostics).</summary>
    public OwnerGraph Graph { get; } = new();

    /// <summary>How many objects are processed at once.</summary>
    public int Workers { get; init; } = 8;

    public async Task RunAsync(CancellationToken ct)
    {
        using var queue = new WorkQueue<string>(_ctx.Clock);
        bool restarted;
        lock (_gate)
        {
            _queue = queue;
            restarted = _handlersAdded;
            _handlersAdded = true;
        }
        if (restarted)
        {
            // The graph kept following the informers; what a previous run left unfinished is found by looking at everything.
            foreach (var uid in Graph.Uids()) queue.Add(uid);
        }
        else
        {
            foreach (var r in _resources) _ctx.Informers.For(r).AddHandler(e => Observe(r, e));
        }
        try
        {
            await _ctx.Informers.WaitForSyncAsync(ct, _resources).ConfigureAwait(false);
            await Task.WhenAll(Enumerable.Range(0, Math.Max(1, Workers)).Select(_ => WorkAsync(queue, ct))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally
        {
            lock (_gate) if (_queue == queue) _queue = null;
        }
    }

    private void Observe(ResourceRef resource, WatchEvent e)
    {
        var attention = e.Type == WatchEventType.Deleted
            ? Graph.Remove(ObjectJson.Str(e.Object["metadata"]?["uid"]))
            : Graph.Upsert(GraphNode.From(resource, e.Object));
        if (attention.Count == 0) return;
        WorkQueue<string>? queue;
        lock (_gate) queue = _queue;
        if (queue is null) return; // not running: the next run looks at everything
        foreach (var uid in attention) queue.Add(uid);
    }

    private async Task WorkAsync(WorkQueue<string> queue, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var uid = await queue.TakeAsync(ct).ConfigureAwait(false);
            try
            {
                await ReconcileAsync(uid, ct).ConfigureAwait(false);
                queue.Forget(uid);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Conflicts and objects gone meanwhile are normal; anything else is logged. Either way: again, later.
                if (e is not (ObjectConflictException or ObjectNotFoundException))
                    _ctx.Log($"garbage collector: {uid}: {e.Message}");
                queue.AddRateLimited(uid);
            }
            finally
            {
                queue.Done(uid);
            }
        }
    }

    /// <summary>One look at the object with <paramref name="uid"/> (client-go's attemptToDeleteItem and attemptToOrphan).</summary>
    public async Task ReconcileAsync(string uid, CancellationToken ct)
    {
        var node = Graph.Get(uid);
        if (node is null) return;
        var cached = _ctx.Informers.For(node.Resource).Get(node.Namespace, node.Name);
        if (cached is null || Uid(cached) != uid) return;
        var current = GraphNode.From(node.Resource, cached);
        if (current.Deleting)
        {
            // Being deleted is a one-way trip: only the collector's own finalizers are for it to act on.
            if (current.Orphaning) await OrphanDependentsAsync(current, ct).ConfigureAwait(false);
            else if (current.DeletingDependents) await ProcessDeletingDependentsAsync(current, ct).ConfigureAwait(false);
            return;
        }
        if (current.Owners.Count == 0) return;
        if (Classify(current).All(c => c == OwnerState.Solid)) return;

        // Something is to be written: decide again on the object as it is now, not as the cache had it.
        var live = _ctx.Client.Get(node.Resource, NullIfEmpty(node.Namespace), node.Name);
        if (live is null || Uid(live) != uid) return;
        current = GraphNode.From(node.Resource, live);
        if (current.Deleting || current.Owners.Count == 0) return;
        var states = Classify(current);
        var solid = states.Count(s => s == OwnerState.Solid);
        var waiting = states.Count(s => s == OwnerState.Waiting);
        if (solid > 0)
        {
            if (solid == states.Count) return;
            var gone = current.Owners.Where((_, i) => states[i] != OwnerState.Solid).Select(o => o.Uid).ToHashSet(StringComparer.Ordinal);
            await RemoveOwnerReferencesAsync(current, gone, ct).ConfigureAwait(false);
        }
        else if (waiting > 0 && Graph.HasDependents(uid))
        {
            // An owner waits for its dependents and this one has dependents of its own: delete it in the foreground too,
            // first unblocking its owners when a dependent of it waits as well (a cycle would wait forever).
            if (Graph.Dependents(uid).Any(d => d.DeletingDependents)) await UnblockOwnerReferencesAsync(current, ct).ConfigureAwait(false);
            await DeleteAsync(current, ForegroundPolicy, ct).ConfigureAwait(false);
        }
        else
        {
            var finalizers = Finalizers(live);
            var policy = finalizers.Contains(OrphanFinalizer) ? OrphanPolicy
                : finalizers.Contains(ForegroundFinalizer) ? ForegroundPolicy
                : BackgroundPolicy;
            await DeleteAsync(current, policy, ct).ConfigureAwait(false);
        }
    }

    private const string OrphanPolicy = "Orphan";
    private const string ForegroundPolicy = "Foreground";
    private const string BackgroundPolicy = "Background";

    private enum OwnerState { Solid, Dangling, Waiting }

    /// <summary>Each owner reference of <paramref name="dependent"/>: present, gone (dangling), or deleting its dependents first.</summary>
    private IReadOnlyList<OwnerState> Classify(GraphNode dependent) => dependent.Owners.Select(o => Classify(dependent, o)).ToArray();

    private OwnerState Classify(GraphNode dependent, OwnerRef owner)
    {
        // A namespaced owner counts only in its dependent's namespace (upstream: an invalid reference, i.e. absent).
        if (Graph.Get(owner.Uid) is { } known && (known.Namespace.Length == 0 || known.Namespace == dependent.Namespace))
            return known.DeletingDependents ? OwnerState.Waiting : OwnerState.Solid;
        lock (_gate) if (_absentOwners.Contains(owner.Uid)) return OwnerState.Dangling;
        // Not in the graph: perhaps its informer has not told us yet. Ask the API by name.
        if (_kinds.Resolve(owner.ApiVersion, owner.Kind) is not { } resolved)
            return OwnerState.Solid; // a kind the collector does not watch: never collect on its account
        var (resource, namespaced) = resolved;
        if (namespaced && dependent.Namespace.Length == 0) return OwnerState.Dangling; // cluster-scoped dependent, namespaced owner
        var live = _ctx.Client.Get(resource, namespaced ? dependent.Namespace : null, owner.Name);
        if (live is null || Uid(live) != owner.Uid)
        {
            // UIDs are never reused: once absent, always absent.
            lock (_gate)
            {
                if (_absentOwners.Count >= AbsentOwnerCacheLimit) _absentOwners.Clear();
                _absentOwners.Add(owner.Uid);
            }
            return OwnerState.Dangling;
        }
        return GraphNode.From(resource, live).DeletingDependents ? OwnerState.Waiting : OwnerState.Solid;
    }

    /// <summary>The `foregroundDeletion` finalizer goes once no dependent blocks the owner; until then the blocking dependents are deleted.</summary>
    private async Task ProcessDeletingDependentsAsync(GraphNode owner, CancellationToken ct)
    {
        var blocking = Graph.BlockingDependents(owner.Uid);
        if (blocking.Count == 0)
        {
            await RemoveFinalizerAsync(owner, ForegroundFinalizer, ct).ConfigureAwait(false);
            return;
        }
        WorkQueue<string>? queue;
        lock (_gate) queue = _queue;
        foreach (var d in blocking)
            if (!d.DeletingDependents) queue?.Add(d.Uid);
        // The owner is looked at again when one of them goes or stops blocking it (OwnerGraph.Remove/Upsert).
    }

    /// <summary>The `orphan` finalizer: every dependent loses its reference to the owner, then the owner loses the finalizer.</summary>
    private async Task OrphanDependentsAsync(GraphNode owner, CancellationToken ct)
    {
        var failures = new List<Exception>();
        await Parallel.ForEachAsync(Graph.Dependents(owner.Uid), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (d, token) =>
        {
            try { await RemoveOwnerReferencesAsync(d, new HashSet<string>(StringComparer.Ordinal) { owner.Uid }, token).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lock (failures) failures.Add(e);
            }
        }).ConfigureAwait(false);
        if (failures.Count > 0) throw new AggregateException($"orphaning the dependents of {Describe(owner)} failed", failures);
        await RemoveFinalizerAsync(owner, OrphanFinalizer, ct).ConfigureAwait(false);
    }

    private Task RemoveOwnerReferencesAsync(GraphNode node, IReadOnlySet<string> ownerUids, CancellationToken ct) =>
        UpdateMetadataAsync(node, meta =>
        {
            if (meta["ownerReferences"] is not JsonArray refs) return false;
            var removed = false;
            for (var i = refs.Count - 1; i >= 0; i--)
            {
                if (!ownerUids.Contains(ObjectJson.Str(refs[i]?["uid"]))) continue;
                refs.RemoveAt(i);
                removed = true;
            }
            if (refs.Count == 0) meta.Remove("ownerReferences");
            return removed;
        }, ct);

    private Task UnblockOwnerReferencesAsync(GraphNode node, CancellationToken ct) =>
        UpdateMetadataAsync(node, meta =>
        {
            var changed = false;
            foreach (var r in (meta["ownerReferences"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                if (r["blockOwnerDeletion"] is not JsonValue b || !b.TryGetValue<bool>(out var block) || !block) continue;
                r["blockOwnerDeletion"] = false;
                changed = true;
            }
            return changed;
        }, ct);

    private Task RemoveFinalizerAsync(GraphNode node, string finalizer, CancellationToken ct) =>
        UpdateMetadataAsync(node, meta =>
        {
            if (meta["finalizers"] is not JsonArray list) return false;
            var removed = false;
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (ObjectJson.Str(list[i]) != finalizer) continue;
                list.RemoveAt(i);
                removed = true;
            }
            if (list.Count == 0) meta.Remove("finalizers");
            return removed;
        }, ct);

    /// <summary>
    /// Read-modify-write of the object's metadata with its resourceVersion as precondition; a conflict reads again at
    /// once (as client-go's RetryOnConflict). An object gone, or replaced by one with another uid, needs nothing.
    /// </summary>
    private async Task UpdateMetadataAsync(GraphNode node, Func<JsonObject, bool> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var live = _ctx.Client.Get(node.Resource, NullIfEmpty(node.Namespace), node.Name);
            if (live is null || Uid(live) != node.Uid || live["metadata"] is not JsonObject meta) return;
            if (!change(meta)) return;
            try
            {
                await _ctx.Client.UpdateAsync(node.Resource, live, Manager, ct: ct).ConfigureAwait(false);
                return;
            }
            catch (ObjectNotFoundException) { return; }
            catch (ObjectConflictException) when (attempt < WriteAttempts) { }
        }
    }

    private async Task DeleteAsync(GraphNode node, string policy, CancellationToken ct)
    {
        try
        {
            await _ctx.Client.DeleteAsync(node.Resource, NullIfEmpty(node.Namespace), node.Name,
                new ObjectDeleteOptions(PropagationPolicy: policy, PreconditionUid: node.Uid), ct).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException) { }
        catch (ObjectConflictException) { } // the UID precondition failed: that object is gone, another has its name
    }

    private static string Uid(JsonObject o) => ObjectJson.Str(o["metadata"]?["uid"]);

    private static string[] Finalizers(JsonObject o) => (o["metadata"]?["finalizers"] as JsonArray)?.Select(n => ObjectJson.Str(n)).ToArray() ?? [];

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static string Describe(GraphNode n) => $"{n.Resource} {(n.Namespace.Length == 0 ? "" : n.Namespace + "/")}{n.Name}";
}
