// Rolling update arithmetic and the reconcile step decisions, checked against deployment/util's documented behaviour.
using System.Text.Json.Nodes;
using Kinet.Model.Workloads;

namespace Kinet.Model.Tests.Workloads;

public class RolloutTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JsonObject Deployment(int replicas, string strategy = """{"type":"RollingUpdate"}""") => JsonNode.Parse($$$$"""
        {"metadata":{"name":"frontend","namespace":"default","uid":"u-1","generation":2,
                     "annotations":{"team":"web","deployment.kubernetes.io/revision":"3"}},
         "spec":{"replicas":{{{{replicas}}}},"strategy":{{{{strategy}}}},"progressDeadlineSeconds":600,
                 "selector":{"matchLabels":{"app":"frontend"}},
                 "template":{"metadata":{"labels":{"app":"frontend"}},"spec":{"containers":[{"name":"web","image":"nginx"}]} } } }
        """)!.AsObject();

    [Theory]
    [InlineData("25%", "25%", 10, 3, 2)]
    [InlineData("25%", "25%", 1, 1, 0)]
    [InlineData("0", "10%", 5, 0, 1)] // both resolve to zero: unavailable becomes 1
    [InlineData("2", "1", 10, 2, 1)]
    [InlineData("50%", "50%", 3, 2, 1)]
    public void Surge_rounds_up_and_unavailable_rounds_down(string surge, string unavailable, int desired, int s, int u)
    {
        var ru = new RollingUpdate(P(surge), P(unavailable));
        Assert.Equal((s, u), ru.Resolve(desired));
    }

    private static IntOrPercent P(string s) => s.EndsWith('%') ? IntOrPercent.Parse(s) : new IntOrPercent(int.Parse(s), false);

    [Fact]
    public void Zero_surge_and_zero_unavailable_is_invalid()
    {
        var errors = new RollingUpdate(new(0, false), new(0, true)).Validate();
        Assert.Contains("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0", errors);
    }

    [Fact]
    public void A_first_rollout_creates_the_new_replica_set_at_full_size()
    {
        var step = DeploymentRollout.Step(Deployment(3), null, []);
        Assert.Equal(3, step.CreateNewWithReplicas);
    }

    [Fact]
    public void A_rolling_update_surges_the_new_set_then_scales_old_down_as_availability_allows()
    {
        var d = Deployment(4); // surge 1, unavailable 1
        var old = new ReplicaSetState("frontend-old", T0, 4, 4, 4, 4);
        var step1 = DeploymentRollout.Step(d, null, [old]);
        Assert.Equal(1, step1.CreateNewWithReplicas);
        Assert.Equal([new ScaleAction("frontend-old", 3)], step1.Scales); // same pass, as upstream

        var old3 = old with { SpecReplicas = 3, StatusReplicas = 3, ReadyReplicas = 3, AvailableReplicas = 3 };
        var fresh = new ReplicaSetState("frontend-new", T0.AddMinutes(1), 1, 1, 0, 0);
        Assert.Equal([new ScaleAction("frontend-new", 2)], DeploymentRollout.Step(d, fresh, [old3]).Scales); // surge room left

        var fresh2 = fresh with { SpecReplicas = 2, StatusReplicas = 2 };
        Assert.True(DeploymentRollout.Step(d, fresh2, [old3]).IsNone); // at 5 pods with 2 unavailable: wait

        var fresh2Ready = fresh2 with { ReadyReplicas = 2, AvailableReplicas = 2 };
        Assert.Equal([new ScaleAction("frontend-old", 1)], DeploymentRollout.Step(d, fresh2Ready, [old3]).Scales);
    }

    [Fact]
    public void Scaling_down_a_settled_deployment_shrinks_its_replica_set()
    {
        var rs = new ReplicaSetState("frontend-new", T0, 5, 5, 5, 5);
        Assert.Equal([new ScaleAction("frontend-new", 1)], DeploymentRollout.Step(Deployment(1), rs, []).Scales);
        Assert.True(DeploymentRollout.Step(Deployment(5), rs, []).IsNone);
    }

    [Fact]
    public void Recreate_scales_old_to_zero_and_waits_for_their_pods_before_creating_the_new()
    {
        var d = Deployment(3, """{"type":"Recreate"}""");
        var old = new ReplicaSetState("frontend-old", T0, 3, 3, 3, 3);
        Assert.Equal([new ScaleAction("frontend-old", 0)], DeploymentRollout.Step(d, null, [old]).Scales);
        Assert.True(DeploymentRollout.Step(d, null, [old with { SpecReplicas = 0 }], oldPodsRunning: 2).IsNone);
        Assert.Equal(3, DeploymentRollout.Step(d, null, [old with { SpecReplicas = 0 }], oldPodsRunning: 0).CreateNewWithReplicas);
    }

    [Fact]
    public void The_new_replica_set_carries_the_hash_owner_and_annotations()
    {
        var d = Deployment(3);
        var rs = NewReplicaSet.Build(d, 3, 4);
        var hash = NewReplicaSet.HashOf(d);
        Assert.Equal($"frontend-{hash}", rs["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(hash, rs["spec"]!["selector"]!["matchLabels"]!["pod-template-hash"]!.GetValue<string>());
        Assert.Equal(hash, rs["spec"]!["template"]!["metadata"]!["labels"]!["pod-template-hash"]!.GetValue<string>());
        var ann = rs["metadata"]!["annotations"]!.AsObject();
        Assert.Equal("4", ann["deployment.kubernetes.io/revision"]!.GetValue<string>());
        Assert.Equal("3", ann["deployment.kubernetes.io/desired-replicas"]!.GetValue<string>());
        Assert.Equal("4", ann["deployment.kubernetes.io/max-replicas"]!.GetValue<string>());
        Assert.Equal("web", ann["team"]!.GetValue<string>());
        var owner = rs["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal("Deployment", owner["kind"]!.GetValue<string>());
        Assert.True(owner["controller"]!.GetValue<bool>());
        // The Deployment's own template is untouched.
        Assert.Null(d["spec"]!["template"]!["metadata"]!["labels"]!["pod-template-hash"]);
    }

    [Fact]
    public void A_finished_rollout_reports_available_and_new_replica_set_available()
    {
        var d = Deployment(3);
        var rs = new ReplicaSetState("frontend-abc", T0, 3, 3, 3, 3);
        var status = DeploymentStatus.Compute(d, rs, [rs], T0);
        Assert.Equal(3, status["availableReplicas"]!.GetValue<int>());
        Assert.Equal(0, status["unavailableReplicas"]!.GetValue<int>());
        Assert.Equal(2L, status["observedGeneration"]!.GetValue<long>());
        var conds = status["conditions"]!.AsArray();
        Assert.Contains(conds, c => (string)c!["type"]! == "Available" && (string)c["reason"]! == "MinimumReplicasAvailable");
        Assert.Contains(conds, c => (string)c!["type"]! == "Progressing" && (string)c["reason"]! == "NewReplicaSetAvailable"
            && (string)c["message"]! == "ReplicaSet \"frontend-abc\" has successfully progressed.");
        Assert.True(DeploymentStatus.IsComplete(d, status));
        d["status"] = status;
        Assert.Equal(new RolloutStatusView(true, "deployment \"frontend\" successfully rolled out\n"), RolloutStatus.Of(d));
    }

    [Fact]
    public void A_rollout_in_flight_is_progressing_and_short_of_availability()
    {
        var d = Deployment(4, """{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}}""");
        var rs = new ReplicaSetState("frontend-abc", T0, 4, 4, 2, 2);
        var status = DeploymentStatus.Compute(d, rs, [rs], T0);
        var conds = status["conditions"]!.AsArray();
        Assert.Contains(conds, c => (string)c!["type"]! == "Available" && (string)c["status"]! == "False"
            && (string)c["reason"]! == "MinimumReplicasUnavailable");
        Assert.Contains(conds, c => (string)c!["type"]! == "Progressing" && (string)c["reason"]! == "ReplicaSetUpdated");
        Assert.False(DeploymentStatus.IsComplete(d, status));
        d["status"] = status;
        Assert.Equal("Waiting for deployment \"frontend\" rollout to finish: 2 of 4 updated replicas are available...\n", RolloutStatus.Of(d).Message);
    }

    [Fact]
    public void Progressing_conditions_follow_the_rollout_and_time_out_without_progress()
    {
        var d = Deployment(2);
        var rs = new ReplicaSetState("frontend-abc", T0, 2);
        var created = DeploymentStatus.Compute(d, rs, [rs], T0, newRsCreated: true);
        Assert.Equal("Created new replica set \"frontend-abc\"", Progressing(created)["message"]!.GetValue<string>());

        d["status"] = created;
        var moving = DeploymentStatus.Compute(d, rs with { StatusReplicas = 2, ReadyReplicas = 1 }, [rs with { StatusReplicas = 2, ReadyReplicas = 1 }], T0.AddSeconds(5));
        Assert.Equal("ReplicaSetUpdated", Progressing(moving)["reason"]!.GetValue<string>());
        Assert.Equal("2026-01-01T00:00:00Z", Progressing(moving)["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal("2026-01-01T00:00:05Z", Progressing(moving)["lastUpdateTime"]!.GetValue<string>());

        d["status"] = moving;
        var stuck = rs with { StatusReplicas = 2, ReadyReplicas = 1 };
        Assert.Equal("ReplicaSetUpdated", Progressing(DeploymentStatus.Compute(d, stuck, [stuck], T0.AddSeconds(600)))["reason"]!.GetValue<string>());
        var late = DeploymentStatus.Compute(d, stuck, [stuck], T0.AddSeconds(606));
        d["status"] = late;
        Assert.True(RolloutStatus.Of(d).Failed);
        Assert.Equal(("False", "ProgressDeadlineExceeded", "ReplicaSet \"frontend-abc\" has timed out progressing."),
            (Progressing(late)["status"]!.GetValue<string>(), Progressing(late)["reason"]!.GetValue<string>(), Progressing(late)["message"]!.GetValue<string>()));
    }

    private static JsonObject Progressing(JsonObject status) =>
        status["conditions"]!.AsArray().OfType<JsonObject>().Single(c => (string)c["type"]! == "Progressing");
}
