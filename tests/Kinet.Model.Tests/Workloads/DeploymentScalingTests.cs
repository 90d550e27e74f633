// Scaling a Deployment: a lone ReplicaSet follows the replica count; mid-rollout the change is shared out in proportion.
using System.Text.Json.Nodes;
using Kinet.Model.Workloads;

namespace Kinet.Model.Tests.Workloads;

public class DeploymentScalingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JsonObject Deployment(int replicas, int surge = 3, int unavailable = 2) => JsonNode.Parse(
        "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":" + replicas + ",\"strategy\":{\"type\":\"RollingUpdate\"," +
        "\"rollingUpdate\":{\"maxSurge\":" + surge + ",\"maxUnavailable\":" + unavailable + "}}}}")!.AsObject();

    [Fact]
    public void A_lone_replica_set_takes_the_new_count()
    {
        var rs = new ReplicaSetState("web-a", T0, 3, 3, 3, 3, DesiredReplicasAnnotation: 3, MaxReplicasAnnotation: 4);
        Assert.Equal([new ScaleAction("web-a", 5)], DeploymentRollout.Step(Deployment(5), rs, []).Scales);
    }

    [Theory]
    [InlineData(15, 8, 5, 13, 11, 7)]  // 13 -> 18 allowed: +3 to the larger old, +2 to the new
    [InlineData(5, 11, 7, 18, 5, 3)]   // 18 -> 8 allowed: -6 from the old, -4 from the new
    public void Mid_rollout_a_new_count_is_shared_in_proportion(int replicas, int oldSize, int newSize, int maxBefore, int oldAfter, int newAfter)
    {
        var old = new ReplicaSetState("web-old", T0, oldSize, oldSize, oldSize, oldSize, 10, maxBefore);
        var fresh = new ReplicaSetState("web-new", T0.AddMinutes(1), newSize, newSize, 0, 0, 10, maxBefore);
        var step = DeploymentRollout.Step(Deployment(replicas), fresh, [old]);
        Assert.Equal([new ScaleAction("web-old", oldAfter), new ScaleAction("web-new", newAfter)], step.Scales);
    }

    [Fact]
    public void A_saturated_new_replica_set_scales_the_old_ones_away()
    {
        var old = new ReplicaSetState("web-old", T0, 1, 1, 1, 1, 4, 5);
        var fresh = new ReplicaSetState("web-new", T0.AddMinutes(1), 5, 5, 5, 5, 5, 8);
        Assert.Equal([new ScaleAction("web-old", 0)], DeploymentScaling.Scale(Deployment(5), fresh, [old]));
    }

    [Fact]
    public void A_paused_deployment_scales_but_does_not_roll()
    {
        var d = Deployment(3);
        d["spec"]!["paused"] = true;
        var old = new ReplicaSetState("web-old", T0, 3, 3, 3, 3, 3, 6);
        Assert.True(DeploymentRollout.Step(d, null, [old]).IsNone);
        d["spec"]!["replicas"] = 4;
        Assert.Equal([new ScaleAction("web-old", 4)], DeploymentRollout.Step(d, null, [old]).Scales);
    }
}
