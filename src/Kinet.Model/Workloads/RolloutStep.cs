// The decisions of one Deployment reconcile: whether to create the new ReplicaSet (and with how many replicas) and
// which existing ReplicaSets to resize. Empty when the Deployment has nothing to do but report status.
namespace Kinet.Model.Workloads;

public sealed record ScaleAction(string ReplicaSet, int Replicas);

public sealed record RolloutStep(int? CreateNewWithReplicas, IReadOnlyList<ScaleAction> Scales)
{
    public static readonly RolloutStep None = new(null, []);

    public bool IsNone => CreateNewWithReplicas is null && Scales.Count == 0;
}
