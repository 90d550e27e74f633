// Scaling a Deployment whose replicas changed (isScalingEvent + sync/scale in pkg/controller/deployment): a lone active
// ReplicaSet takes the new size; otherwise, mid-rollout, the new size is shared out proportionally to the ReplicaSets'
// sizes (from their max-replicas annotation), leftovers going to the largest, so a rollout keeps its shape.
using System.Text.Json.Nodes;

namespace Kinet.Model.Workloads;

public static class DeploymentScaling
{
    /// <summary>Whether some active ReplicaSet was sized for a different replica count than the Deployment's now.</summary>
    public static bool IsScalingEvent(int replicas, IEnumerable<ReplicaSetState> all) =>
        all.Any(r => r.SpecReplicas > 0 && r.DesiredReplicasAnnotation is { } d && d != replicas);

    public static IReadOnlyList<ScaleAction> Scale(JsonObject deployment, ReplicaSetState? newRs, IReadOnlyList<ReplicaSetState> oldRss)
    {
        var replicas = JsonRead.Int(deployment, 1, "spec", "replicas");
        var strategy = RollingUpdate.Of(deployment);
        var all = newRs is null ? oldRss.ToArray() : [.. oldRss, newRs];
        var active = all.Where(r => r.SpecReplicas > 0).ToArray();

        if (active.Length <= 1)
        {
            var target = active.Length == 1 ? active[0]
                : newRs ?? ReplicaSetState.ByCreation(oldRss).LastOrDefault();
            return target is null || target.SpecReplicas == replicas ? [] : [new ScaleAction(target.Name, replicas)];
        }

        if (newRs is not null && newRs.SpecReplicas == replicas && newRs.DesiredReplicasAnnotation == replicas &&
            newRs.AvailableReplicas == replicas)
            return oldRss.Where(r => r.SpecReplicas > 0).Select(r => new ScaleAction(r.Name, 0)).ToArray();

        if (strategy is null) return [];

        var allowed = replicas > 0 ? replicas + RollingUpdate.MaxSurgeOf(strategy, replicas) : 0;
        var toAdd = allowed - active.Sum(r => r.SpecReplicas);
        if (toAdd == 0) return [];
        // Largest first; on a tie the newer when growing, the older when shrinking.
        var ordered = (toAdd > 0
            ? active.OrderByDescending(r => r.SpecReplicas).ThenByDescending(r => r.Created).ThenByDescending(r => r.Name, StringComparer.Ordinal)
            : active.OrderByDescending(r => r.SpecReplicas).ThenBy(r => r.Created).ThenBy(r => r.Name, StringComparer.Ordinal)).ToArray();

        var sizes = new Dictionary<string, int>();
        var added = 0;
        foreach (var rs in ordered)
        {
            var p = Proportion(rs, replicas, allowed, deployment, toAdd, added);
            sizes[rs.Name] = rs.SpecReplicas + p;
            added += p;
        }
        sizes[ordered[0].Name] = Math.Max(0, sizes[ordered[0].Name] + toAdd - added);
        return ordered.Where(r => sizes[r.Name] != r.SpecReplicas).Select(r => new ScaleAction(r.Name, sizes[r.Name])).ToArray();
    }

    /// <summary>GetProportion: this ReplicaSet's share of the change, never beyond what is left to add or remove.</summary>
    private static int Proportion(ReplicaSetState rs, int replicas, int maxReplicas, JsonObject deployment, int toAdd, int added)
    {
        if (rs.SpecReplicas == 0 || toAdd == added) return 0;
        int fraction;
        if (replicas == 0) fraction = -rs.SpecReplicas;
        else
        {
            var before = rs.MaxReplicasAnnotation ?? 0;
            if (before == 0) before = JsonRead.Int(deployment, 0, "status", "replicas");
            fraction = before == 0 ? 0 : (int)Math.Round((double)rs.SpecReplicas * maxReplicas / before, MidpointRounding.AwayFromZero) - rs.SpecReplicas;
        }
        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }
}
