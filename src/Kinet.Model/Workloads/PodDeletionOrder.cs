// Which pods a ReplicaSet deletes first when it scales down (controller.ActivePodsWithRanks, LogarithmicScaleDown on,
// as in 1.32): unscheduled before scheduled, Pending < Unknown < Running, not ready before ready, lower
// pod-deletion-cost first, pods doubled up on a node with their siblings first, then the more recently ready, the more
// restarted, and the newer (ready and creation times compared in log2 buckets of their age).
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kinet.Model.Workloads;

public static class PodDeletionOrder
{
    public const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    /// <summary>The <paramref name="count"/> pods to delete among <paramref name="pods"/>; <paramref name="related"/>
    /// are the pods of this ReplicaSet and its siblings, whose per-node count ranks doubled-up pods first.</summary>
    public static IReadOnlyList<JsonObject> ToDelete(IReadOnlyList<JsonObject> pods, IEnumerable<JsonObject> related,
        int count, DateTimeOffset now)
    {
        if (count >= pods.Count) return pods;
        var perNode = related.Where(PodFacts.IsActive)
            .GroupBy(p => JsonRead.Str(p, "spec", "nodeName") ?? "")
            .ToDictionary(g => g.Key, g => g.Count());
        var ranked = pods.Select(p => (Pod: p, Rank: Rank(p, perNode))).ToList();
        ranked.Sort((a, b) => Compare(a.Pod, a.Rank, b.Pod, b.Rank, now));
        return ranked.Take(count).Select(r => r.Pod).ToList();
    }

    private static int Rank(JsonObject pod, Dictionary<string, int> perNode)
    {
        var node = JsonRead.Str(pod, "spec", "nodeName") ?? "";
        return node.Length > 0 && perNode.TryGetValue(node, out var n) ? n : 0;
    }

    /// <summary>Negative when <paramref name="a"/> goes before <paramref name="b"/>.</summary>
    internal static int Compare(JsonObject a, int rankA, JsonObject b, int rankB, DateTimeOffset now)
    {
        var nodeA = !string.IsNullOrEmpty(JsonRead.Str(a, "spec", "nodeName"));
        var nodeB = !string.IsNullOrEmpty(JsonRead.Str(b, "spec", "nodeName"));
        if (nodeA != nodeB) return nodeA ? 1 : -1;
        var c = PhaseOrder(a).CompareTo(PhaseOrder(b));
        if (c != 0) return c;
        var readyA = PodFacts.IsReady(a);
        var readyB = PodFacts.IsReady(b);
        if (readyA != readyB) return readyA ? 1 : -1;
        c = Cost(a).CompareTo(Cost(b));
        if (c != 0) return c;
        if (rankA != rankB) return rankB.CompareTo(rankA);
        if (readyA)
        {
            c = CompareTimes(JsonRead.Time(PodFacts.ReadyCondition(a), "lastTransitionTime"),
                JsonRead.Time(PodFacts.ReadyCondition(b), "lastTransitionTime"), now);
            if (c != 0) return c;
        }
        c = Restarts(b).CompareTo(Restarts(a));
        if (c != 0) return c;
        return CompareTimes(JsonRead.Time(a, "metadata", "creationTimestamp"), JsonRead.Time(b, "metadata", "creationTimestamp"), now);
    }

    private static int PhaseOrder(JsonObject pod) => PodFacts.Phase(pod) switch
    {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };

    private static int Cost(JsonObject pod) =>
        int.TryParse(JsonRead.Str(pod, "metadata", "annotations", DeletionCostAnnotation), NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out var c) ? c : 0;

    private static int Restarts(JsonObject pod) =>
        (JsonRead.At(pod, "status", "containerStatuses") as JsonArray)?.OfType<JsonObject>()
            .Max(s => JsonRead.Int(s, 0, "restartCount")) ?? 0;

    /// <summary>A missing time first, then the newer, with ages compared as floor(log2(seconds)) as upstream does.</summary>
    private static int CompareTimes(DateTimeOffset? a, DateTimeOffset? b, DateTimeOffset now)
    {
        if (a is null || b is null) return (a is null ? 0 : 1) - (b is null ? 0 : 1);
        return Bucket(a.Value, now).CompareTo(Bucket(b.Value, now));
    }

    private static int Bucket(DateTimeOffset t, DateTimeOffset now)
    {
        var seconds = (now - t).TotalSeconds;
        return seconds < 1 ? -1 : (int)Math.Floor(Math.Log2(seconds));
    }
}
