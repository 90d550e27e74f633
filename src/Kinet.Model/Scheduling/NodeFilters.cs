// The kube-scheduler Filter plugins Kinet runs, in the default profile's order (NodeUnschedulable, NodeName,
// TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit's pod count). The first that rejects a node gives its
// reason, worded as the plugin words it; "resolvable" says whether preemption could help (Unschedulable) or not
// (UnschedulableAndUnresolvable).
using System.Text.Json.Nodes;
using Kinet.Model.Workloads;

namespace Kinet.Model.Scheduling;

public sealed record FilterRejection(string Reason, bool Resolvable);

public static class NodeFilters
{
    public const string UnschedulableTaintKey = "node.kubernetes.io/unschedulable";
    public const string NotReadyTaintKey = "node.kubernetes.io/not-ready";
    public const string UnreachableTaintKey = "node.kubernetes.io/unreachable";

    public const string NodeUnschedulableReason = "node(s) were unschedulable";
    public const string NodeNameReason = "node(s) didn't match the requested node name";
    public const string NodeAffinityReason = "node(s) didn't match Pod's node affinity/selector";
    public const string NodePortsReason = "node(s) didn't have free ports for the requested pod ports";
    public const string TooManyPodsReason = "Too many pods";

    /// <summary>Null when the pod fits the node.</summary>
    public static FilterRejection? Check(JsonObject pod, NodeInfo info)
    {
        var node = info.Node;
        var tolerations = Tolerations.Of(pod);

        if (JsonRead.Bool(node, "spec", "unschedulable") &&
            !Tolerations.Tolerated(tolerations, new Taint(UnschedulableTaintKey, "", "NoSchedule")))
            return new(NodeUnschedulableReason, false);

        var wanted = JsonRead.Str(pod, "spec", "nodeName");
        if (!string.IsNullOrEmpty(wanted) && wanted != info.Name) return new(NodeNameReason, false);

        if (Tolerations.FirstUntoleratedForScheduling(EffectiveTaints(node), tolerations) is { } taint)
            return new($"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}", false);

        if (!NodeAffinity.Matches(pod, node)) return new(NodeAffinityReason, false);

        var ports = HostPort.Of(pod);
        if (ports.Any(p => info.UsedHostPorts.Any(p.ConflictsWith))) return new(NodePortsReason, true);

        if (info.PodCount + 1 > info.AllowedPods) return new(TooManyPodsReason, true);

        return null;
    }

    /// <summary>The node's taints plus the NoSchedule taint the node lifecycle controller puts on a node whose Ready
    /// condition is False (not-ready) or Unknown/missing (unreachable), when the node does not carry it yet; this is
    /// how a NotReady node keeps pods off in Kubernetes (the scheduler reads taints, not conditions).</summary>
    public static IEnumerable<Taint> EffectiveTaints(JsonObject node)
    {
        var taints = Taint.Of(node);
        var ready = (JsonRead.At(node, "status", "conditions") as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(c => JsonRead.Str(c, "type") == "Ready");
        var implied = JsonRead.Str(ready, "status") switch
        {
            "True" => null,
            "False" => new Taint(NotReadyTaintKey, "", "NoSchedule"),
            _ => new Taint(UnreachableTaintKey, "", "NoSchedule"),
        };
        return implied is null || taints.Any(t => t.Key == implied.Key && t.Effect == implied.Effect)
            ? taints
            : taints.Append(implied);
    }
}
