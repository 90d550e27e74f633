// kube-controller-manager's Deployment controller: claims the Deployment's ReplicaSets, makes the new one for the current
// template (named by its pod-template-hash), rolls (RollingUpdate within maxSurge/maxUnavailable, or Recreate), scales
// (proportionally mid-rollout), keeps revision annotations, prunes history beyond revisionHistoryLimit and reports status
// with the Available/Progressing conditions `kubectl rollout status` reads. The decisions are the model's
// (Kinet.Model.Workloads); this class reads the caches and writes them out.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Events;
using Kinet.Controllers.Runtime;
using Kinet.Model.Selectors;
using Kinet.Model.Workloads;

namespace Kinet.Controllers.Workloads;

public sealed class DeploymentController
{
    public const string Manager = "deployment-controller";

    private readonly ControllerContext _ctx;
    private readonly int _workers;
    private readonly Informer _deployments;
    private readonly Informer _sets;
    private readonly Informer _pods;
    private readonly OwnerIndex _setsByOwner = new();
    private readonly OwnerIndex _podsByOwner = new();
    private readonly WorkQueue<string> _queue;
    private readonly StatusSpacing _spacing;

    /// <summary>Registers with the shared informers at once, so <see cref="ReconcileAsync"/> works once they have synced.</summary>
    public DeploymentController(ControllerContext ctx, int workers = 5)
    {
        _ctx = ctx;
        _workers = workers;
        _queue = new WorkQueue<string>(ctx.Clock);
        _spacing = new StatusSpacing(ctx.Clock, StatusSpacing.DefaultInterval);
        _deployments = ctx.Informers.For(Resources.Deployments);
        _sets = ctx.Informers.For(Resources.ReplicaSets);
        _pods = ctx.Informers.For(Resources.Pods);
        _deployments.AddHandler(e => _queue.Add(ObjectJson.Key(e.Object)));
        _sets.AddHandler(OnReplicaSet);
        _pods.AddHandler(OnPod);
    }

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await _ctx.Informers.WaitForSyncAsync(ct, Resources.Deployments, Resources.ReplicaSets, Resources.Pods).ConfigureAwait(false);
            await KeyWorkers.RunAsync(_queue, _workers, ReconcileAsync, _ctx.Log, Manager, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>syncDeployment for one key ("namespace/name").</summary>
    public async Task ReconcileAsync(string key, CancellationToken ct)
    {
        var (ns, name) = ObjectJson.SplitKey(key);
        var d = _deployments.Get(ns, name);
        if (d is null) return;
        var writer = new DeploymentWriter(_ctx, d, _spacing);
        if (ObjectJson.At(d, "spec", "selector") is not JsonObject selectorJson || IsEmpty(selectorJson))
        {
            _ctx.Events.Record(d, EventRecorder.Warning, "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.", Manager);
            await writer.ObserveGenerationAsync(ct).ConfigureAwait(false);
            return;
        }
        LabelSelector selector;
        try { selector = LabelSelector.FromLabelSelector(selectorJson); }
        catch (FormatException e)
        {
            _ctx.Log($"{Manager}: {key} has an invalid selector: {e.Message}");
            return;
        }
        var claimer = new ControllerRefManager(_ctx.Client, Manager, Resources.Deployments, d, "apps/v1", "Deployment", selector, Resources.ReplicaSets);
        var sets = await claimer.ClaimAsync(_setsByOwner.OwnedBy(ObjectJson.Uid(d)), _setsByOwner.Orphans(ns), ct).ConfigureAwait(false);

        var newRs = ReplicaSetSelection.FindNew(d, sets);
        var olds = sets.Where(s => !ReferenceEquals(s, newRs)).ToList();
        if (ObjectJson.IsDeleting(d))
        {
            // syncStatusOnly: a Deployment being deleted only reports.
            await writer.SyncStatusAsync(newRs, sets, newRsCreated: false, ct).ConfigureAwait(false);
            return;
        }
        writer.CheckPausedConditions();
        if (newRs is not null) newRs = await writer.SyncNewReplicaSetAsync(newRs, olds, ct).ConfigureAwait(false);

        var states = olds.Select(ReplicaSetState.From).ToList();
        var newState = newRs is null ? null : ReplicaSetState.From(newRs);
        var replicas = ObjectJson.Int(d, 1, "spec", "replicas");
        var paused = ObjectJson.At(d, "spec", "paused") is JsonValue p && p.TryGetValue<bool>(out var isPaused) && isPaused;
        var scaling = paused || DeploymentScaling.IsScalingEvent(replicas, newState is null ? states : [.. states, newState]);
        var step = DeploymentRollout.Step(d, newState, states, RollingUpdate.Of(d) is null ? OldPodsRunning(newRs, olds) : 0);

        var newRsCreated = false;
        if (step.CreateNewWithReplicas is { } size)
        {
            newRs = await writer.CreateNewReplicaSetAsync(olds, size, ct).ConfigureAwait(false);
            if (newRs is null)
            {
                _queue.Add(key); // it exists already, the cache just has not shown it: start over with it
                return;
            }
            newRsCreated = true;
        }
        var byName = olds.Concat(newRs is null ? [] : [newRs]).ToDictionary(ObjectJson.Name, StringComparer.Ordinal);
        foreach (var scale in step.Scales)
            if (byName.TryGetValue(scale.ReplicaSet, out var rs))
                byName[scale.ReplicaSet] = await writer.ScaleAsync(rs, scale.Replicas, ct).ConfigureAwait(false);
        // Proportional scaling refreshes every set's replica annotations, so the scaling event is over.
        if (scaling && byName.Values.Count(s => ObjectJson.Int(s, 1, "spec", "replicas") > 0) > 1)
            foreach (var (setName, rs) in byName.ToArray())
                byName[setName] = await writer.RefreshReplicasAnnotationsAsync(rs, ct).ConfigureAwait(false);

        if (newRs is not null) newRs = byName[ObjectJson.Name(newRs)];
        olds = byName.Values.Where(s => !ReferenceEquals(s, newRs)).ToList();
        if (newRs is not null) await writer.SetRevisionAsync(NewReplicaSet.RevisionOf(newRs), ct).ConfigureAwait(false);
        if (paused || (step.IsNone && DeploymentStatus.IsComplete(d, ObjectJson.At(d, "status") as JsonObject ?? [])))
            await writer.CleanupAsync(olds, ct).ConfigureAwait(false);
        var retry = await writer.SyncStatusAsync(newRs, byName.Values.ToList(), newRsCreated, ct).ConfigureAwait(false);
        if (retry is { } after) _queue.AddAfter(key, after);
    }

    private static bool IsEmpty(JsonObject selector) =>
        (selector["matchLabels"] as JsonObject)?.Count is null or 0 && (selector["matchExpressions"] as JsonArray)?.Count is null or 0;

    /// <summary>oldPodsRunning (Recreate): old sets still report pods, or some pod of theirs is not finished (terminating
    /// pods count: the new pods must not start until the old ones are gone).</summary>
    private int OldPodsRunning(JsonObject? newRs, IEnumerable<JsonObject> olds)
    {
        var count = 0;
        foreach (var rs in olds)
        {
            if (newRs is not null && ObjectJson.Uid(rs) == ObjectJson.Uid(newRs)) continue;
            count += ObjectJson.Int(rs, 0, "status", "replicas");
            count += _podsByOwner.OwnedBy(ObjectJson.Uid(rs)).Count(pod => !PodFacts.IsTerminal(pod));
        }
        return count;
    }

    private void OnReplicaSet(WatchEvent e)
    {
        _setsByOwner.Apply(e);
        var rs = e.Object;
        var ns = ObjectJson.Namespace(rs);
        var owner = ObjectJson.ControllerOf(rs);
        if (e.Type == WatchEventType.Deleted || (e.Type == WatchEventType.Added && ObjectJson.IsDeleting(rs)))
        {
            if (owner is not null) Enqueue(ns, owner);
            return;
        }
        if (e.Type == WatchEventType.Added)
        {
            if (owner is not null) Enqueue(ns, owner);
            else EnqueueMatching(rs);
            return;
        }
        var old = e.Old;
        var oldOwner = old is null ? null : ObjectJson.ControllerOf(old);
        var ownerChanged = ObjectJson.Str(oldOwner, "uid") != ObjectJson.Str(owner, "uid");
        if (ownerChanged && oldOwner is not null) Enqueue(ns, oldOwner);
        if (owner is not null)
        {
            Enqueue(ns, owner);
            return;
        }
        var labelsChanged = old is null || PodTemplateHash.Canonical(ObjectJson.Labels(old)) != PodTemplateHash.Canonical(ObjectJson.Labels(rs));
        if (labelsChanged || ownerChanged) EnqueueMatching(rs);
    }

    /// <summary>A Recreate rollout waits for the old pods to be gone: their deletion is news for the Deployment.</summary>
    private void OnPod(WatchEvent e)
    {
        _podsByOwner.Apply(e);
        if (e.Type != WatchEventType.Deleted || ObjectJson.ControllerOf(e.Object) is not { } rsRef) return;
        var rs = _sets.Get(ObjectJson.Namespace(e.Object), ObjectJson.Str(rsRef, "name"));
        if (rs is null || ObjectJson.ControllerOf(rs) is not { } dRef) return;
        var d = _deployments.Get(ObjectJson.Namespace(rs), ObjectJson.Str(dRef, "name"));
        if (d is not null && ObjectJson.Uid(d) == ObjectJson.Str(dRef, "uid") && RollingUpdate.Of(d) is null) _queue.Add(ObjectJson.Key(d));
    }

    private void Enqueue(string ns, JsonObject ownerRef)
    {
        if (ObjectJson.Str(ownerRef, "kind") != "Deployment") return;
        var d = _deployments.Get(ns, ObjectJson.Str(ownerRef, "name"));
        if (d is not null && ObjectJson.Uid(d) == ObjectJson.Str(ownerRef, "uid")) _queue.Add(ObjectJson.Key(d));
    }

    /// <summary>getDeploymentsForReplicaSet: an orphan ReplicaSet may be adopted by any Deployment selecting it.</summary>
    private void EnqueueMatching(JsonObject rs)
    {
        var labels = ObjectJson.Labels(rs);
        foreach (var d in _deployments.List(ObjectJson.Namespace(rs)))
        {
            if (ObjectJson.At(d, "spec", "selector") is not JsonObject s || IsEmpty(s)) continue;
            try
            {
                if (LabelSelector.FromLabelSelector(s).Matches(labels)) _queue.Add(ObjectJson.Key(d));
            }
            catch (FormatException) { }
        }
    }
}
