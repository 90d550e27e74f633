// The writes of one Deployment sync: its ReplicaSets (create, scale, revision and replica annotations, history
// cleanup), its revision annotation and its status. Holds the Deployment as last written so that successive writes
// in one sync carry the right resourceVersion.
using System.Globalization;
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Events;
using Kinet.Controllers.Runtime;
using Kinet.Model.Workloads;

namespace Kinet.Controllers.Workloads;

internal sealed class DeploymentWriter(ControllerContext ctx, JsonObject deployment, StatusSpacing spacing)
{
    public const string PausedReason = "DeploymentPaused";
    public const string ResumedReason = "DeploymentResumed";
    private const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    private const string Manager = DeploymentController.Manager;
    private static readonly string[] Counters = ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"];

    // Deployment annotations that are the controller's own or kubectl's, never copied to ReplicaSets (annotationsToSkip).
    private static readonly HashSet<string> NotCopied =
    [
        "kubectl.kubernetes.io/last-applied-configuration", NewReplicaSet.RevisionAnnotation, RevisionHistoryAnnotation,
        NewReplicaSet.DesiredReplicasAnnotation, NewReplicaSet.MaxReplicasAnnotation, "deprecated.deployment.rollback.to",
    ];

    private JsonObject _d = deployment;
    // The status the new one is computed from: the stored one, with the paused/resumed condition of this sync.
    private readonly JsonObject _baseStatus = ObjectJson.At(deployment, "status")?.DeepClone() as JsonObject ?? [];

    private DateTimeOffset Now => ctx.Clock.GetUtcNow();

    private bool HasProgressDeadline =>
        ObjectJson.Long(_d, "spec", "progressDeadlineSeconds") is { } s && s != int.MaxValue;

    private bool Paused => ObjectJson.At(_d, "spec", "paused") is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>For a Deployment that selects everything: nothing is done, but the generation counts as observed.</summary>
    public async Task ObserveGenerationAsync(CancellationToken ct)
    {
        var generation = ObjectJson.Long(_d, "metadata", "generation") ?? 0;
        if ((ObjectJson.Long(_baseStatus, "observedGeneration") ?? 0) >= generation) return;
        var status = _baseStatus.DeepClone().AsObject();
        status["observedGeneration"] = generation;
        await WriteStatusAsync(status, ct).ConfigureAwait(false);
    }

    /// <summary>checkPausedConditions: Progressing becomes Unknown/DeploymentPaused while paused and DeploymentResumed
    /// after, so a long pause is never reported as lack of progress; a reported timeout is left alone.</summary>
    public void CheckPausedConditions()
    {
        if (!HasProgressDeadline) return;
        var reason = ObjectJson.Str(Condition(_baseStatus, "Progressing"), "reason");
        if (reason == DeploymentStatus.ProgressDeadlineExceeded) return;
        if (Paused && reason != PausedReason) SetCondition(_baseStatus, "Progressing", "Unknown", PausedReason, "Deployment is paused");
        else if (!Paused && reason == PausedReason) SetCondition(_baseStatus, "Progressing", "Unknown", ResumedReason, "Deployment is resumed");
    }

    /// <summary>getNewReplicaSet for an existing new set: the Deployment's annotations copied, its revision raised above the
    /// old sets' (a rollback keeps the revisions it had in revision-history), minReadySeconds kept in step.</summary>
    public async Task<JsonObject> SyncNewReplicaSetAsync(JsonObject rs, IReadOnlyList<JsonObject> olds, CancellationToken ct)
    {
        var copy = rs.DeepClone().AsObject();
        var meta = (JsonObject)copy["metadata"]!;
        if (meta["annotations"] is not JsonObject annotations) meta["annotations"] = annotations = [];
        var changed = false;
        if (ObjectJson.At(_d, "metadata", "annotations") is JsonObject mine)
            foreach (var (k, v) in mine)
                if (!NotCopied.Contains(k) && ObjectJson.Str(annotations, k) != ObjectJson.Str(v))
                {
                    annotations[k] = v?.DeepClone();
                    changed = true;
                }
        var newRevision = NewReplicaSet.NextRevision(olds);
        var oldRevision = ObjectJson.Str(annotations, NewReplicaSet.RevisionAnnotation);
        if (NewReplicaSet.RevisionOf(copy) < newRevision)
        {
            annotations[NewReplicaSet.RevisionAnnotation] = ObjectJson.Text(newRevision);
            if (oldRevision.Length > 0)
            {
                var history = ObjectJson.Str(annotations, RevisionHistoryAnnotation);
                annotations[RevisionHistoryAnnotation] = history.Length == 0 ? oldRevision : history + "," + oldRevision;
            }
            changed = true;
        }
        var minReady = ObjectJson.Long(_d, "spec", "minReadySeconds") ?? 0;
        if ((ObjectJson.Long(copy, "spec", "minReadySeconds") ?? 0) != minReady)
        {
            copy["spec"]!["minReadySeconds"] = minReady;
            changed = true;
        }
        if (!changed) return rs;
        return await ctx.Client.UpdateAsync(Resources.ReplicaSets, copy, Manager, ct: ct).ConfigureAwait(false);
    }

    /// <summary>Creates the new ReplicaSet. Null when a set of that name exists that is this Deployment's with its template
    /// (a cache that lags): the caller starts over. A foreign or different set of that name is a hash collision:
    /// status.collisionCount goes up so the next name differs, and this sync fails.</summary>
    public async Task<JsonObject?> CreateNewReplicaSetAsync(IReadOnlyList<JsonObject> olds, int replicas, CancellationToken ct)
    {
        var rs = NewReplicaSet.Build(_d, replicas, NewReplicaSet.NextRevision(olds));
        JsonObject created;
        try
        {
            created = await ctx.Client.CreateAsync(Resources.ReplicaSets, rs, Manager, ct).ConfigureAwait(false);
        }
        catch (ObjectConflictException)
        {
            var existing = ctx.Client.Get(Resources.ReplicaSets, ObjectJson.Namespace(rs), ObjectJson.Name(rs));
            if (existing is not null && ObjectJson.ControllerUid(existing) == ObjectJson.Uid(_d) && ReplicaSetSelection.TemplateMatches(_d, existing))
                return null;
            var status = _baseStatus.DeepClone().AsObject();
            status["collisionCount"] = (ObjectJson.Long(status, "collisionCount") ?? 0) + 1;
            await WriteStatusAsync(status, ct).ConfigureAwait(false);
            throw new ObjectConflictException($"replica set {ObjectJson.Name(rs)} exists and is not this deployment's: hash collision, collisionCount raised");
        }
        if (replicas > 0)
            ctx.Events.Record(_d, EventRecorder.Normal, WorkloadEvents.ScalingReplicaSet, WorkloadEvents.Scaled(ObjectJson.Name(created), 0, replicas), Manager);
        return created;
    }

    /// <summary>scaleReplicaSetAndRecordEvent: the new size with the replica annotations of the Deployment's size now.</summary>
    public async Task<JsonObject> ScaleAsync(JsonObject rs, int replicas, CancellationToken ct)
    {
        var from = ObjectJson.Int(rs, 1, "spec", "replicas");
        if (from == replicas) return rs;
        var copy = rs.DeepClone().AsObject();
        copy["spec"]!["replicas"] = replicas;
        SetReplicasAnnotations(copy);
        var updated = await ctx.Client.UpdateAsync(Resources.ReplicaSets, copy, Manager, ct: ct).ConfigureAwait(false);
        ctx.Events.Record(_d, EventRecorder.Normal, WorkloadEvents.ScalingReplicaSet, WorkloadEvents.Scaled(ObjectJson.Name(rs), from, replicas), Manager);
        return updated;
    }

    /// <summary>scaleReplicaSet at an unchanged size: only the replica annotations, when stale.</summary>
    public async Task<JsonObject> RefreshReplicasAnnotationsAsync(JsonObject rs, CancellationToken ct)
    {
        var copy = rs.DeepClone().AsObject();
        if (!SetReplicasAnnotations(copy)) return rs;
        return await ctx.Client.UpdateAsync(Resources.ReplicaSets, copy, Manager, ct: ct).ConfigureAwait(false);
    }

    private bool SetReplicasAnnotations(JsonObject rs)
    {
        var meta = (JsonObject)rs["metadata"]!;
        if (meta["annotations"] is not JsonObject annotations) meta["annotations"] = annotations = [];
        var (desired, max) = NewReplicaSet.ReplicasAnnotations(_d);
        if (ObjectJson.Str(annotations, NewReplicaSet.DesiredReplicasAnnotation) == desired &&
            ObjectJson.Str(annotations, NewReplicaSet.MaxReplicasAnnotation) == max) return false;
        annotations[NewReplicaSet.DesiredReplicasAnnotation] = desired;
        annotations[NewReplicaSet.MaxReplicasAnnotation] = max;
        return true;
    }

    /// <summary>SetDeploymentRevision: the Deployment carries its new ReplicaSet's revision (`kubectl rollout history`).</summary>
    public async Task SetRevisionAsync(long revision, CancellationToken ct)
    {
        var text = ObjectJson.Text(revision);
        if (revision <= 0 || ObjectJson.Str(_d, "metadata", "annotations", NewReplicaSet.RevisionAnnotation) == text) return;
        var copy = _d.DeepClone().AsObject();
        var meta = (JsonObject)copy["metadata"]!;
        if (meta["annotations"] is not JsonObject annotations) meta["annotations"] = annotations = [];
        annotations[NewReplicaSet.RevisionAnnotation] = text;
        _d = await ctx.Client.UpdateAsync(Resources.Deployments, copy, Manager, ct: ct).ConfigureAwait(false);
    }

    /// <summary>cleanupDeployment: old sets beyond revisionHistoryLimit go, oldest revision first, but only empty ones
    /// whose controller has seen their last change.</summary>
    public async Task CleanupAsync(IReadOnlyList<JsonObject> olds, CancellationToken ct)
    {
        if (ObjectJson.Long(_d, "spec", "revisionHistoryLimit") is not { } limit) return;
        var cleanable = olds.Where(rs => !ObjectJson.IsDeleting(rs)).ToList();
        var diff = cleanable.Count - (int)limit;
        if (diff <= 0) return;
        cleanable.Sort((a, b) =>
        {
            var c = NewReplicaSet.RevisionOf(a).CompareTo(NewReplicaSet.RevisionOf(b));
            return c != 0 ? c : string.CompareOrdinal(ObjectJson.Str(a, "metadata", "creationTimestamp"), ObjectJson.Str(b, "metadata", "creationTimestamp"));
        });
        foreach (var rs in cleanable.Take(diff))
        {
            if (ObjectJson.Int(rs, 0, "status", "replicas") != 0 || ObjectJson.Int(rs, 1, "spec", "replicas") != 0 ||
                (ObjectJson.Long(rs, "metadata", "generation") ?? 0) > (ObjectJson.Long(rs, "status", "observedGeneration") ?? 0))
                continue;
            try { await ctx.Client.DeleteAsync(Resources.ReplicaSets, ObjectJson.Namespace(rs), ObjectJson.Name(rs), ct: ct).ConfigureAwait(false); }
            catch (ObjectNotFoundException) { }
        }
    }

    /// <summary>syncRolloutStatus: the model's status (conditions kept as paused while paused), written when it changed
    /// (counters-only changes spaced out). Returns when to look again: for a write put off, or for a rollout that may
    /// pass its progress deadline.</summary>
    public async Task<TimeSpan?> SyncStatusAsync(JsonObject? newRs, IReadOnlyList<JsonObject> all, bool newRsCreated, CancellationToken ct)
    {
        var basis = _d.DeepClone().AsObject();
        basis["status"] = _baseStatus.DeepClone();
        var status = DeploymentStatus.Compute(basis, newRs is null ? null : ReplicaSetState.From(newRs),
            all.Select(ReplicaSetState.From).ToArray(), Now, newRsCreated);
        if (Paused && Condition(_baseStatus, "Progressing") is { } pausedCondition)
        {
            // A paused Deployment is only scaled (sync, not a rollout): its Progressing condition stays as it was.
            var conditions = status["conditions"] as JsonArray ?? [];
            if (Condition(status, "Progressing") is { } computed) conditions.Remove(computed);
            conditions.Add(pausedCondition.DeepClone());
            status["conditions"] = conditions;
        }
        foreach (var field in new[] { "observedGeneration", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas", "collisionCount" })
            if (ObjectJson.Long(status, field) == 0) status.Remove(field);
        var stored = ObjectJson.At(_d, "status") as JsonObject;
        if (PodTemplateHash.Canonical(stored ?? new JsonObject()) != PodTemplateHash.Canonical(status))
        {
            var key = ObjectJson.Key(_d);
            if (!StatusSpacing.OnlyCountersDiffer(stored, status, Counters)) spacing.Wrote(key);
            else if (spacing.Reserve(key) is { } wait && wait > TimeSpan.Zero) return wait;
            await WriteStatusAsync(status, ct).ConfigureAwait(false);
        }
        return StuckRecheck(status);
    }

    /// <summary>requeueStuckDeployment: a rollout in progress is looked at again when its deadline would pass.</summary>
    private TimeSpan? StuckRecheck(JsonObject status)
    {
        if (!HasProgressDeadline || Paused) return null;
        var progressing = Condition(status, "Progressing");
        var reason = ObjectJson.Str(progressing, "reason");
        if (progressing is null || reason is DeploymentStatus.NewReplicaSetAvailable or DeploymentStatus.ProgressDeadlineExceeded) return null;
        if (!DateTimeOffset.TryParse(ObjectJson.Str(progressing, "lastUpdateTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            return null;
        var deadline = since.AddSeconds(ObjectJson.Long(_d, "spec", "progressDeadlineSeconds")!.Value);
        return deadline - Now + TimeSpan.FromSeconds(1);
    }

    private async Task WriteStatusAsync(JsonObject status, CancellationToken ct)
    {
        var copy = _d.DeepClone().AsObject();
        copy["status"] = status;
        _d = await ctx.Client.UpdateAsync(Resources.Deployments, copy, Manager, "status", ct).ConfigureAwait(false);
    }

    private static JsonObject? Condition(JsonObject status, string type) =>
        (status["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => ObjectJson.Str(c, "type") == type);

    /// <summary>SetDeploymentCondition: same status and reason is left alone; the transition time survives while the
    /// status stays; the changed condition goes to the end.</summary>
    private void SetCondition(JsonObject status, string type, string value, string reason, string message)
    {
        var current = Condition(status, type);
        if (current is not null && ObjectJson.Str(current, "status") == value && ObjectJson.Str(current, "reason") == reason) return;
        var now = Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var transition = current is not null && ObjectJson.Str(current, "status") == value ? ObjectJson.Str(current, "lastTransitionTime") : now;
        if (status["conditions"] is not JsonArray conditions) status["conditions"] = conditions = [];
        if (current is not null) conditions.Remove(current);
        conditions.Add(new JsonObject
        {
            ["type"] = type, ["status"] = value, ["lastUpdateTime"] = now, ["lastTransitionTime"] = transition,
            ["reason"] = reason, ["message"] = message,
        });
    }
}
