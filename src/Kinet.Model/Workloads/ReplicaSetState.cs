// What the Deployment controller needs to know of one ReplicaSet: its size and how many of its pods are ready/available.
using System.Text.Json.Nodes;

namespace Kinet.Model.Workloads;

public sealed record ReplicaSetState(string Name, DateTimeOffset Created, int SpecReplicas, int StatusReplicas = 0,
    int ReadyReplicas = 0, int AvailableReplicas = 0, int? DesiredReplicasAnnotation = null, int? MaxReplicasAnnotation = null)
{
    public static ReplicaSetState From(JsonObject rs) => new(
        JsonRead.Str(rs, "metadata", "name") ?? "",
        JsonRead.Time(rs, "metadata", "creationTimestamp") ?? DateTimeOffset.MinValue,
        JsonRead.Int(rs, 1, "spec", "replicas"),
        JsonRead.Int(rs, 0, "status", "replicas"),
        JsonRead.Int(rs, 0, "status", "readyReplicas"),
        JsonRead.Int(rs, 0, "status", "availableReplicas"),
        Annotation(rs, NewReplicaSet.DesiredReplicasAnnotation),
        Annotation(rs, NewReplicaSet.MaxReplicasAnnotation));

    private static int? Annotation(JsonObject rs, string key) =>
        int.TryParse(JsonRead.Str(rs, "metadata", "annotations", key), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Oldest first, ties by name (controller.ReplicaSetsByCreationTimestamp).</summary>
    public static IEnumerable<ReplicaSetState> ByCreation(IEnumerable<ReplicaSetState> sets) =>
        sets.OrderBy(s => s.Created).ThenBy(s => s.Name, StringComparer.Ordinal);
}
