// The pod a ReplicaSet creates (controller.GetPodFromTemplate): the template's labels, annotations, finalizers and
// spec, generateName "<replicaset>-", and the ReplicaSet as controller owner. The API server (or the caller, with
// WorkloadNames.Pod) turns the generateName into a name.
using System.Text.Json.Nodes;

namespace Kinet.Model.Workloads;

public static class PodFromTemplate
{
    public static JsonObject Build(JsonObject replicaSet)
    {
        var template = JsonRead.At(replicaSet, "spec", "template") as JsonObject;
        var meta = new JsonObject
        {
            ["generateName"] = WorkloadNames.PodGenerateName(JsonRead.Str(replicaSet, "metadata", "name") ?? ""),
            ["namespace"] = JsonRead.Str(replicaSet, "metadata", "namespace"),
        };
        foreach (var field in new[] { "labels", "annotations", "finalizers" })
            if (JsonRead.At(template, "metadata", field) is { } v) meta[field] = v.DeepClone();
        meta["ownerReferences"] = new JsonArray(NewReplicaSet.ControllerRef(replicaSet, "apps/v1", "ReplicaSet"));
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = meta,
            ["spec"] = JsonRead.At(template, "spec")?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>Pods to create (positive) or delete (negative) to bring the active pods to spec.replicas.</summary>
    public static int Diff(JsonObject replicaSet, IEnumerable<JsonObject> ownedPods) =>
        JsonRead.Int(replicaSet, 1, "spec", "replicas") - ownedPods.Count(PodFacts.IsActive);
}
