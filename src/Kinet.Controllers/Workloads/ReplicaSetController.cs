// kube-controller-manager's ReplicaSet controller: keeps spec.replicas active pods per ReplicaSet (created from its
// template in slow-start batches, surplus deleted in PodDeletionOrder), adopts matching orphans and releases pods that
// stop matching, and reports status. Expectations keep it from acting again before its own writes reach the cache.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Events;
using Kinet.Controllers.Runtime;
using Kinet.Model.Selectors;
using Kinet.Model.Workloads;

namespace Kinet.Controllers.Workloads;

public sealed partial class ReplicaSetController
{
    public const string Manager = "replicaset-controller";

    /// <summary>BurstReplicas: at most this many pods are created or deleted in one sync.</summary>
    public const int BurstReplicas = 500;

    private readonly ControllerContext _ctx;
    private readonly int _workers;
    private readonly Informer _sets;
    private readonly Informer _pods;
    private readonly OwnerIndex _podsByOwner = new();
    private readonly OwnerIndex _setsByOwner = new();
    private readonly WorkQueue<string> _queue;
    private readonly StatusSpacing _spacing;
    private static readonly string[] Counters = ["replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas"];

    public PodExpectations Expectations { get; }

    /// <summary>Registers with the shared informers at once, so <see cref="ReconcileAsync"/> works once they have synced.</summary>
    public ReplicaSetController(ControllerContext ctx, int workers = 5)
    {
        _ctx = ctx;
        _workers = workers;
        _queue = new WorkQueue<string>(ctx.Clock);
        Expectations = new PodExpectations(ctx.Clock);
        _spacing = new StatusSpacing(ctx.Clock, StatusSpacing.DefaultInterval);
        _sets = ctx.Informers.For(Resources.ReplicaSets);
        _pods = ctx.Informers.For(Resources.Pods);
        _sets.AddHandler(OnReplicaSet);
        _pods.AddHandler(OnPod);
    }

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await _ctx.Informers.WaitForSyncAsync(ct, Resources.ReplicaSets, Resources.Pods).ConfigureAwait(false);
            await KeyWorkers.RunAsync(_queue, _workers, ReconcileAsync, _ctx.Log, Manager, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>syncReplicaSet for one key ("namespace/name").</summary>
    public async Task ReconcileAsync(string key, CancellationToken ct)
    {
        var (ns, name) = ObjectJson.SplitKey(key);
        var rs = _sets.Get(ns, name);
        if (rs is null)
        {
            Expectations.Forget(key);
            return;
        }
        var needsSync = Expectations.Satisfied(key);
        LabelSelector selector;
        try { selector = LabelSelector.FromLabelSelector(ObjectJson.At(rs, "spec", "selector") as JsonObject); }
        catch (FormatException e)
        {
            _ctx.Log($"{Manager}: {key} has an invalid selector: {e.Message}");
            return;
        }
        var claimer = new ControllerRefManager(_ctx.Client, Manager, Resources.ReplicaSets, rs, "apps/v1", "ReplicaSet", selector,
            Resources.Pods, PodView.LabelsOf);
        var pods = await claimer.ClaimAsync(_podsByOwner.OwnedBy(ObjectJson.Uid(rs)).Where(PodView.IsActive),
            _podsByOwner.Orphans(ns).Where(PodView.IsActive), ct).ConfigureAwait(false);

        Exception? manageError = null;
        if (needsSync && !ObjectJson.IsDeleting(rs)) manageError = await ManageReplicasAsync(rs, key, pods, ct).ConfigureAwait(false);

        var status = Status(rs, pods, manageError);
        var updated = await UpdateStatusAsync(key, rs, status, ct).ConfigureAwait(false);
        var minReady = ObjectJson.Int(updated, 0, "spec", "minReadySeconds");
        var replicas = ObjectJson.Int(updated, 1, "spec", "replicas");
        if (manageError is null && minReady > 0 && ObjectJson.Int(status, 0, "readyReplicas") == replicas &&
            ObjectJson.Int(status, 0, "availableReplicas") != replicas)
            _queue.AddAfter(key, TimeSpan.FromSeconds(minReady));
        if (manageError is not null) throw manageError;
    }

    private async Task<Exception?> ManageReplicasAsync(JsonObject rs, string key, List<JsonObject> pods, CancellationToken ct)
    {
        var diff = PodFromTemplate.Diff(rs, pods);
        if (diff > 0)
        {
            var create = Math.Min(diff, BurstReplicas);
            Expectations.ExpectCreations(key, create);
            var (succeeded, error) = await SlowStart.RunAsync(create, () => CreatePodAsync(rs, ct)).ConfigureAwait(false);
            // The informer will never see the pods not created: stop expecting them.
            for (var skipped = create - succeeded; skipped > 0; skipped--) Expectations.CreationObserved(key);
            return error;
        }
        if (diff < 0)
        {
            var count = Math.Min(-diff, BurstReplicas);
            var doomed = PodDeletionOrder.ToDelete(pods, RelatedPods(rs), count, _ctx.Clock.GetUtcNow());
            Expectations.ExpectDeletions(key, doomed.Select(ObjectJson.Key));
            var deletes = doomed.Select(p => Task.Run(() => DeletePodAsync(rs, key, p, ct), ct)).ToArray();
            try { await Task.WhenAll(deletes).ConfigureAwait(false); }
            catch (Exception) { /* the first failure is returned below */ }
            return deletes.FirstOrDefault(t => !t.IsCompletedSuccessfully) is { } failed
                ? failed.Exception?.InnerException ?? new OperationCanceledException(ct) : null;
        }
        return null;
    }

    private async Task CreatePodAsync(JsonObject rs, CancellationToken ct)
    {
        try
        {
            var created = await _ctx.Client.CreateAsync(Resources.Pods, PodFromTemplate.Build(rs), Manager, ct).ConfigureAwait(false);
            _ctx.Events.Record(rs, EventRecorder.Normal, WorkloadEvents.SuccessfulCreate, WorkloadEvents.CreatedPod(ObjectJson.Name(created)), WorkloadEvents.ReplicaSetSource);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _ctx.Events.Record(rs, EventRecorder.Warning, WorkloadEvents.FailedCreate, $"Error creating: {e.Message}", WorkloadEvents.ReplicaSetSource);
            throw;
        }
    }

    private async Task DeletePodAsync(JsonObject rs, string key, JsonObject pod, CancellationToken ct)
    {
        var name = ObjectJson.Name(pod);
        try
        {
            await _ctx.Client.DeleteAsync(Resources.Pods, ObjectJson.Namespace(pod), name, ct: ct).ConfigureAwait(false);
            _ctx.Events.Record(rs, EventRecorder.Normal, WorkloadEvents.SuccessfulDelete, WorkloadEvents.DeletedPod(name), WorkloadEvents.ReplicaSetSource);
        }
        catch (ObjectNotFoundException)
        {
            Expectations.DeletionObserved(key, ObjectJson.Key(pod)); // already gone: nothing to wait for
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Expectations.DeletionObserved(key, ObjectJson.Key(pod));
            _ctx.Events.Record(rs, EventRecorder.Warning, "FailedDelete", $"Error deleting: {e.Message}", WorkloadEvents.ReplicaSetSource);
            throw;
        }
    }

    /// <summary>getIndirectlyRelatedPods: the pods of every ReplicaSet with the same controller (a Deployment's sets),
    /// whose per-node counts rank doubled-up pods first for deletion.</summary>
    private IEnumerable<JsonObject> RelatedPods(JsonObject rs)
    {
        var controller = ObjectJson.ControllerUid(rs);
        if (controller.Length == 0) return _podsByOwner.OwnedBy(ObjectJson.Uid(rs));
        return _setsByOwner.OwnedBy(controller).Where(s => ObjectJson.Namespace(s) == ObjectJson.Namespace(rs))
            .SelectMany(s => _podsByOwner.OwnedBy(ObjectJson.Uid(s)));
    }

    /// <summary>calculateStatus: counts over the claimed active pods (ReplicaSetStatus.Compute's, over the remembered
    /// pod views), and the ReplicaFailure condition while creating or deleting fails.</summary>
    private JsonObject Status(JsonObject rs, List<JsonObject> pods, Exception? manageError)
    {
        var now = _ctx.Clock.GetUtcNow();
        var counts = Counts(rs, pods, now);
        var status = new JsonObject { ["replicas"] = counts.Replicas };
        if (counts.FullyLabeled != 0) status["fullyLabeledReplicas"] = counts.FullyLabeled;
        if (counts.Ready != 0) status["readyReplicas"] = counts.Ready;
        if (counts.Available != 0) status["availableReplicas"] = counts.Available;
        var conditions = (ObjectJson.At(rs, "status", "conditions") as JsonArray)?.DeepClone().AsArray() ?? [];
        var failure = conditions.OfType<JsonObject>().FirstOrDefault(c => ObjectJson.Str(c, "type") == "ReplicaFailure");
        if (manageError is not null && failure is null)
        {
            var reason = PodFromTemplate.Diff(rs, pods) > 0 ? "FailedCreate" : "FailedDelete";
            conditions.Add(new JsonObject
            {
                ["type"] = "ReplicaFailure", ["status"] = "True",
                ["lastTransitionTime"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["reason"] = reason, ["message"] = manageError.Message,
            });
        }
        else if (manageError is null && failure is not null) conditions.Remove(failure);
        if (conditions.Count > 0) status["conditions"] = conditions;
        return status;
    }

    /// <summary>The counts of ReplicaSetStatus.Compute over active pods.</summary>
    internal static (int Replicas, int FullyLabeled, int Ready, int Available) Counts(JsonObject rs, IEnumerable<JsonObject> activePods, DateTimeOffset now)
    {
        var minReady = ObjectJson.Int(rs, 0, "spec", "minReadySeconds");
        var templateLabels = LabelSelector.FromMap(ObjectJson.At(rs, "spec", "template", "metadata", "labels") as JsonObject);
        int replicas = 0, fully = 0, ready = 0, available = 0;
        foreach (var pod in activePods)
        {
            var view = PodView.Of(pod);
            replicas++;
            if (templateLabels.Matches(view.Labels)) fully++;
            if (!view.Ready) continue;
            ready++;
            if (minReady == 0 || PodFacts.IsAvailable(pod, minReady, now)) available++;
        }
        return (replicas, fully, ready, available);
    }

    /// <summary>updateReplicaSetStatus: written only when it changed; one retry on a conflict, against a fresh read.</summary>
    private async Task<JsonObject> UpdateStatusAsync(string key, JsonObject rs, JsonObject status, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            status["observedGeneration"] = ObjectJson.Long(rs, "metadata", "generation") ?? 0;
            if (ObjectJson.Long(status, "observedGeneration") == 0) status.Remove("observedGeneration");
            var stored = ObjectJson.At(rs, "status") as JsonObject;
            if (PodTemplateHash.Canonical(stored ?? new JsonObject()) == PodTemplateHash.Canonical(status)) return rs;
            if (!StatusSpacing.OnlyCountersDiffer(stored, status, Counters)) _spacing.Wrote(key);
            else if (_spacing.Reserve(key) is { } wait && wait > TimeSpan.Zero)
            {
                _queue.AddAfter(key, wait);
                return rs;
            }
            var copy = rs.DeepClone().AsObject();
            copy["status"] = status.DeepClone();
            try
            {
                return await _ctx.Client.UpdateAsync(Resources.ReplicaSets, copy, Manager, "status", ct).ConfigureAwait(false);
            }
            catch (ObjectConflictException) when (attempt == 0)
            {
                rs = _ctx.Client.Get(Resources.ReplicaSets, ObjectJson.Namespace(rs), ObjectJson.Name(rs)) ?? throw new ObjectNotFoundException($"replicasets.apps \"{ObjectJson.Name(rs)}\" not found");
            }
        }
    }
}
