// One reconcile step of the Deployment controller (rolloutRolling / rolloutRecreate in pkg/controller/deployment):
// given the new ReplicaSet (the one whose template matches, or none yet) and the old ones, what to create and resize.
// Like upstream, a step does one kind of move (scale the new up, else scale old down) and the caller re-runs after the
// ReplicaSets' status changes.
using System.Text.Json.Nodes;

namespace Kinet.Model.Workloads;

public static class DeploymentRollout
{
    public static RolloutStep Step(JsonObject deployment, ReplicaSetState? newRs, IReadOnlyList<ReplicaSetState> oldRss,
        int oldPodsRunning = 0)
    {
        var replicas = JsonRead.Int(deployment, 1, "spec", "replicas");
        // A changed replica count (and a paused Deployment) is handled by scaling alone, not by rolling (syncDeployment).
        var paused = JsonRead.Bool(deployment, "spec", "paused");
        if (paused || DeploymentScaling.IsScalingEvent(replicas, newRs is null ? oldRss : oldRss.Append(newRs)))
        {
            var scales = DeploymentScaling.Scale(deployment, newRs, oldRss);
            if (scales.Count > 0 || paused) return new(null, scales);
        }
        var strategy = RollingUpdate.Of(deployment);
        return strategy is null
            ? Recreate(replicas, newRs, oldRss, oldPodsRunning)
            : Rolling(replicas, strategy, newRs, oldRss);
    }

    private static RolloutStep Recreate(int replicas, ReplicaSetState? newRs, IReadOnlyList<ReplicaSetState> oldRss, int oldPodsRunning)
    {
        // Scale every old ReplicaSet to zero first; wait until their pods are gone before starting the new one.
        var downs = oldRss.Where(r => r.SpecReplicas != 0).Select(r => new ScaleAction(r.Name, 0)).ToArray();
        if (downs.Length > 0) return new(null, downs);
        if (oldPodsRunning > 0) return RolloutStep.None;
        if (newRs is null) return new(replicas, []);
        return newRs.SpecReplicas == replicas ? RolloutStep.None : new(null, [new ScaleAction(newRs.Name, replicas)]);
    }

    private static RolloutStep Rolling(int replicas, RollingUpdate strategy, ReplicaSetState? newRs, IReadOnlyList<ReplicaSetState> oldRss)
    {
        var all = newRs is null ? oldRss : oldRss.Append(newRs).ToArray();
        var newSpec = newRs?.SpecReplicas ?? 0;

        // reconcileNewReplicaSet
        if (newSpec > replicas) return new(null, [new ScaleAction(newRs!.Name, replicas)]);
        if (newSpec < replicas)
        {
            var target = NewReplicaSetReplicas(replicas, strategy, newSpec, all.Sum(r => r.SpecReplicas));
            if (newRs is not null && target > newSpec) return new(null, [new ScaleAction(newRs.Name, target)]);
            if (newRs is null) return Created(target);
        }
        else if (newRs is null) return Created(0);

        // reconcileOldReplicaSets
        var actions = ScaleDownOld(replicas, strategy, newRs, oldRss, all);
        return actions.Count == 0 ? RolloutStep.None : new(null, actions);

        // Creating the new ReplicaSet does not end the sync upstream: old ones are reconciled in the same pass, with
        // the new one counted at its size and none of it available yet.
        RolloutStep Created(int size)
        {
            var created = new ReplicaSetState("", DateTimeOffset.MaxValue, size);
            return new(size, ScaleDownOld(replicas, strategy, created, oldRss, [.. oldRss, created]));
        }
    }

    /// <summary>NewRSNewReplicas for a rolling update: grow the new ReplicaSet as far as the surge allows.</summary>
    public static int NewReplicaSetReplicas(int replicas, RollingUpdate strategy, int newSpec, int allSpec)
    {
        var maxTotal = replicas + RollingUpdate.MaxSurgeOf(strategy, replicas);
        if (allSpec >= maxTotal) return newSpec;
        var up = Math.Min(maxTotal - allSpec, replicas - newSpec);
        return newSpec + up;
    }

    private static List<ScaleAction> ScaleDownOld(int replicas, RollingUpdate strategy, ReplicaSetState? newRs,
        IReadOnlyList<ReplicaSetState> oldRss, IReadOnlyList<ReplicaSetState> all)
    {
        var sizes = oldRss.ToDictionary(r => r.Name, r => r.SpecReplicas);
        if (sizes.Values.Sum() == 0) return [];
        var minAvailable = replicas - RollingUpdate.MaxUnavailableOf(strategy, replicas);
        var newUnavailable = newRs is null ? 0 : newRs.SpecReplicas - newRs.AvailableReplicas;
        var maxScaledDown = all.Sum(r => r.SpecReplicas) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) return [];

        // cleanupUnhealthyReplicas: first shed old pods that are not available anyway.
        var cleaned = 0;
        foreach (var rs in ReplicaSetState.ByCreation(oldRss))
        {
            if (cleaned >= maxScaledDown) break;
            if (rs.SpecReplicas == 0 || rs.SpecReplicas == rs.AvailableReplicas) continue;
            var down = Math.Min(maxScaledDown - cleaned, rs.SpecReplicas - rs.AvailableReplicas);
            sizes[rs.Name] = rs.SpecReplicas - down;
            cleaned += down;
        }

        // scaleDownOldReplicaSetsForRollingUpdate: then available old pods, as far as availability allows.
        var available = all.Sum(r => r.AvailableReplicas);
        if (available > minAvailable)
        {
            var total = available - minAvailable;
            var done = 0;
            foreach (var rs in ReplicaSetState.ByCreation(oldRss))
            {
                if (done >= total) break;
                var size = sizes[rs.Name];
                if (size == 0) continue;
                var down = Math.Min(size, total - done);
                sizes[rs.Name] = size - down;
                done += down;
            }
        }

        return oldRss.Where(r => sizes[r.Name] != r.SpecReplicas).Select(r => new ScaleAction(r.Name, sizes[r.Name])).ToList();
    }
}
