// The status the ReplicaSet controller writes (calculateStatus): counts over its active pods.
using System.Text.Json.Nodes;
using Kinet.Model.Selectors;

namespace Kinet.Model.Workloads;

public static class ReplicaSetStatus
{
    public static JsonObject Compute(JsonObject replicaSet, IEnumerable<JsonObject> ownedPods, DateTimeOffset now)
    {
        var minReady = JsonRead.Int(replicaSet, 0, "spec", "minReadySeconds");
        var templateLabels = LabelSelector.FromMap(JsonRead.At(replicaSet, "spec", "template", "metadata", "labels") as JsonObject);
        int replicas = 0, fully = 0, ready = 0, available = 0;
        foreach (var pod in ownedPods.Where(PodFacts.IsActive))
        {
            replicas++;
            if (templateLabels.Matches(JsonRead.At(pod, "metadata", "labels") as JsonObject)) fully++;
            if (PodFacts.IsReady(pod))
            {
                ready++;
                if (PodFacts.IsAvailable(pod, minReady, now)) available++;
            }
        }
        return new JsonObject
        {
            ["replicas"] = replicas,
            ["fullyLabeledReplicas"] = fully,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = available,
            ["observedGeneration"] = JsonRead.Long(replicaSet, "metadata", "generation") ?? 0,
        };
    }
}
