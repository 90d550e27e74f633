// One scheduling decision: filter every node (NodeFilters), then pick among the feasible the node with the fewest pods,
// ties broken by name, so replicas spread over nodes. Upstream scores with several plugins and breaks ties at random;
// Kinet's spread-first, name-ordered choice is deterministic for tests and gives the same even spread on equal nodes.
using System.Text.Json.Nodes;
using Kinet.Model.Workloads;

namespace Kinet.Model.Scheduling;

public static class Scheduler
{
    /// <summary>The scheduler only takes pods with no spec.nodeName that ask for it (schedulerName default-scheduler)
    /// and are not being deleted or finished.</summary>
    public static bool NeedsScheduling(JsonObject pod) =>
        string.IsNullOrEmpty(JsonRead.Str(pod, "spec", "nodeName")) &&
        (JsonRead.Str(pod, "spec", "schedulerName") ?? "default-scheduler") == "default-scheduler" &&
        PodFacts.IsActive(pod) &&
        !((JsonRead.At(pod, "spec", "schedulingGates") as JsonArray)?.Count > 0);

    public static SchedulingResult Schedule(JsonObject pod, IReadOnlyList<NodeInfo> nodes)
    {
        var rejections = new List<FilterRejection>(nodes.Count);
        NodeInfo? best = null;
        foreach (var info in nodes)
        {
            if (NodeFilters.Check(pod, info) is { } rejection)
            {
                rejections.Add(rejection);
                continue;
            }
            if (best is null || info.PodCount < best.PodCount ||
                info.PodCount == best.PodCount && string.CompareOrdinal(info.Name, best.Name) < 0)
                best = info;
        }
        return best is not null ? new(best.Name, null) : new(null, FitError.Message(rejections));
    }

    /// <summary>The Scheduled event's message, as the default binder's caller words it.</summary>
    public static string ScheduledMessage(string ns, string pod, string node) => $"Successfully assigned {ns}/{pod} to {node}";
}
