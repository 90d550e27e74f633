// kube-scheduler's FitError message (framework.FitError.Error() plus DefaultPreemption's PostFilter message), e.g.
// "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s)
// didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for
// scheduling." Reasons are counted per node and the "<count> <reason>" strings sorted as strings, as upstream does.
namespace Kinet.Model.Scheduling;

public static class FitError
{
    public const string NoNodesAvailable = "no nodes available to schedule pods";
    public const string PreemptionNotHelpful = "Preemption is not helpful for scheduling";
    public const string NoPreemptionVictims = "No preemption victims found for incoming pod";

    /// <summary>The message for a pod rejected by every node; <paramref name="rejections"/> has one entry per node.
    /// Preemption finds no victims on nodes where it could help (Kinet has no priority classes to preempt by).</summary>
    public static string Message(IReadOnlyCollection<FilterRejection> rejections)
    {
        if (rejections.Count == 0) return NoNodesAvailable;
        var filters = Histogram(rejections.Select(r => r.Reason));
        var preemption = Histogram(rejections.Select(r => r.Resolvable ? NoPreemptionVictims : PreemptionNotHelpful));
        var n = rejections.Count;
        return $"0/{n} nodes are available: {filters}. preemption: 0/{n} nodes are available: {preemption}.";
    }

    private static string Histogram(IEnumerable<string> reasons) =>
        string.Join(", ", reasons.GroupBy(r => r, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}")
            .OrderBy(s => s, StringComparer.Ordinal));
}
