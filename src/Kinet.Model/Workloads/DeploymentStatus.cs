// The Deployment status the controller writes (calculateStatus + syncRolloutStatus): counts summed over its
// ReplicaSets and the Available / Progressing conditions with upstream's reasons and messages, so that
// `kubectl rollout status` finishes and `kubectl get deploy` shows READY/UP-TO-DATE/AVAILABLE.
using System.Text.Json.Nodes;

namespace Kinet.Model.Workloads;

public static class DeploymentStatus
{
    public const string MinimumReplicasAvailable = "MinimumReplicasAvailable";
    public const string MinimumReplicasUnavailable = "MinimumReplicasUnavailable";
    public const string NewReplicaSetCreated = "NewReplicaSetCreated";
    public const string FoundNewReplicaSet = "FoundNewReplicaSet";
    public const string ReplicaSetUpdated = "ReplicaSetUpdated";
    public const string NewReplicaSetAvailable = "NewReplicaSetAvailable";
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";

    /// <summary>The new status. <paramref name="newRsCreated"/> says this reconcile created the new ReplicaSet.</summary>
    public static JsonObject Compute(JsonObject deployment, ReplicaSetState? newRs, IReadOnlyList<ReplicaSetState> all,
        DateTimeOffset now, bool newRsCreated = false)
    {
        var replicas = JsonRead.Int(deployment, 1, "spec", "replicas");
        var old = JsonRead.At(deployment, "status") as JsonObject;
        var available = all.Sum(r => r.AvailableReplicas);
        var status = new JsonObject
        {
            ["observedGeneration"] = JsonRead.Long(deployment, "metadata", "generation") ?? 0,
            ["replicas"] = all.Sum(r => r.StatusReplicas),
            ["updatedReplicas"] = newRs?.StatusReplicas ?? 0,
            ["readyReplicas"] = all.Sum(r => r.ReadyReplicas),
            ["availableReplicas"] = available,
            ["unavailableReplicas"] = Math.Max(0, all.Sum(r => r.SpecReplicas) - available),
        };
        if (JsonRead.Long(old, "collisionCount") is { } cc) status["collisionCount"] = cc;
        var conditions = (JsonRead.At(old, "conditions") as JsonArray)?.DeepClone() as JsonArray ?? [];
        status["conditions"] = conditions;

        var maxUnavailable = RollingUpdate.MaxUnavailableOf(RollingUpdate.Of(deployment), replicas);
        if (available >= replicas - maxUnavailable)
            Set(conditions, "Available", "True", MinimumReplicasAvailable, "Deployment has minimum availability.", now);
        else
            Set(conditions, "Available", "False", MinimumReplicasUnavailable, "Deployment does not have minimum availability.", now);

        Progress(deployment, newRs, status, conditions, old, now, newRsCreated);
        if (conditions.Count == 0) status.Remove("conditions");
        return status;
    }

    private static void Progress(JsonObject d, ReplicaSetState? newRs, JsonObject status, JsonArray conditions,
        JsonObject? old, DateTimeOffset now, bool newRsCreated)
    {
        var deadline = JsonRead.Long(d, "spec", "progressDeadlineSeconds");
        if (deadline is null || deadline == int.MaxValue)
        {
            Remove(conditions, "Progressing");
            return;
        }
        var current = Find(conditions, "Progressing");
        var name = newRs?.Name;
        if (newRsCreated)
        {
            Set(conditions, "Progressing", "True", NewReplicaSetCreated, $"Created new replica set \"{name}\"", now);
            current = Find(conditions, "Progressing");
        }
        else if (current is null && newRs is not null)
        {
            Set(conditions, "Progressing", "True", FoundNewReplicaSet, $"Found new replica set \"{name}\"", now);
            current = Find(conditions, "Progressing");
        }
        var complete = N(status, "replicas") == N(status, "updatedReplicas") &&
                       JsonRead.Str(current, "reason") == NewReplicaSetAvailable;
        if (complete) return;
        var dName = JsonRead.Str(d, "metadata", "name");
        if (IsComplete(d, status))
            Set(conditions, "Progressing", "True", NewReplicaSetAvailable,
                name is null ? $"Deployment \"{dName}\" has successfully progressed." : $"ReplicaSet \"{name}\" has successfully progressed.", now);
        else if (IsProgressing(old, status))
            Set(conditions, "Progressing", "True", ReplicaSetUpdated,
                name is null ? $"Deployment \"{dName}\" is progressing." : $"ReplicaSet \"{name}\" is progressing.", now);
        else if (TimedOut(current, deadline.Value, now))
            Set(conditions, "Progressing", "False", ProgressDeadlineExceeded,
                name is null ? $"Deployment \"{dName}\" has timed out progressing." : $"ReplicaSet \"{name}\" has timed out progressing.", now);
    }

    /// <summary>DeploymentComplete: every replica updated and available, no old ones left, this generation observed.</summary>
    public static bool IsComplete(JsonObject d, JsonObject status)
    {
        var replicas = JsonRead.Int(d, 1, "spec", "replicas");
        return N(status, "updatedReplicas") == replicas && N(status, "replicas") == replicas &&
               N(status, "availableReplicas") == replicas &&
               N(status, "observedGeneration") >= (JsonRead.Long(d, "metadata", "generation") ?? 0);
    }

    private static bool IsProgressing(JsonObject? old, JsonObject now) =>
        N(now, "updatedReplicas") > N(old, "updatedReplicas") ||
        N(now, "replicas") - N(now, "updatedReplicas") < N(old, "replicas") - N(old, "updatedReplicas") ||
        N(now, "readyReplicas") > N(old, "readyReplicas") ||
        N(now, "availableReplicas") > N(old, "availableReplicas");

    private static bool TimedOut(JsonObject? progressing, long deadlineSeconds, DateTimeOffset now)
    {
        if (progressing is null) return false;
        var reason = JsonRead.Str(progressing, "reason");
        if (reason == ProgressDeadlineExceeded) return true;
        if (reason == NewReplicaSetAvailable) return false;
        var from = JsonRead.Time(progressing, "lastUpdateTime");
        return from is { } f && f.AddSeconds(deadlineSeconds) < now;
    }

    private static long N(JsonNode? status, string field) => JsonRead.Long(status, field) ?? 0;

    private static JsonObject? Find(JsonArray conditions, string type) =>
        conditions.OfType<JsonObject>().FirstOrDefault(c => JsonRead.Str(c, "type") == type);

    private static void Remove(JsonArray conditions, string type)
    {
        if (Find(conditions, type) is { } c) conditions.Remove(c);
    }

    /// <summary>SetDeploymentCondition: the same status and reason is left alone (except ReplicaSetUpdated, whose
    /// message and lastUpdateTime are refreshed on every bit of progress); the transition time survives while the status
    /// stays; a changed condition moves to the end of the list, as upstream's filter-and-append does.</summary>
    private static void Set(JsonArray conditions, string type, string status, string reason, string message, DateTimeOffset now)
    {
        var current = Find(conditions, type);
        var sameStatus = current is not null && JsonRead.Str(current, "status") == status;
        if (sameStatus && JsonRead.Str(current, "reason") == reason && reason != ReplicaSetUpdated) return;
        var transition = sameStatus ? JsonRead.Str(current, "lastTransitionTime") ?? JsonRead.Rfc3339(now) : JsonRead.Rfc3339(now);
        if (current is not null) conditions.Remove(current);
        conditions.Add(new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastUpdateTime"] = JsonRead.Rfc3339(now),
            ["lastTransitionTime"] = transition,
            ["reason"] = reason,
            ["message"] = message,
        });
    }
}
