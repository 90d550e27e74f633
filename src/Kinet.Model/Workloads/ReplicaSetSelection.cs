// Which of a Deployment's ReplicaSets is the "new" one (FindNewReplicaSet: its template equals the Deployment's,
// pod-template-hash label aside; the oldest wins if several do) and which are old.
using System.Text.Json.Nodes;

namespace Kinet.Model.Workloads;

public static class ReplicaSetSelection
{
    public static bool TemplateMatches(JsonObject deployment, JsonObject replicaSet) =>
        WithoutHash(JsonRead.At(deployment, "spec", "template")) == WithoutHash(JsonRead.At(replicaSet, "spec", "template"));

    public static JsonObject? FindNew(JsonObject deployment, IEnumerable<JsonObject> owned) =>
        owned.Where(rs => TemplateMatches(deployment, rs))
            .OrderBy(rs => JsonRead.Time(rs, "metadata", "creationTimestamp") ?? DateTimeOffset.MinValue)
            .ThenBy(rs => JsonRead.Str(rs, "metadata", "name"), StringComparer.Ordinal)
            .FirstOrDefault();

    public static IReadOnlyList<JsonObject> Old(JsonObject deployment, IEnumerable<JsonObject> owned)
    {
        var all = owned.ToArray();
        var fresh = FindNew(deployment, all);
        return all.Where(rs => !ReferenceEquals(rs, fresh)).ToArray();
    }

    private static string WithoutHash(JsonNode? template)
    {
        if (template?.DeepClone() is not JsonObject copy) return "null";
        if (JsonRead.At(copy, "metadata", "labels") is JsonObject labels)
        {
            labels.Remove(PodTemplateHash.Label);
            if (labels.Count == 0) ((JsonObject)copy["metadata"]!).Remove("labels");
        }
        return PodTemplateHash.Canonical(copy);
    }
}
