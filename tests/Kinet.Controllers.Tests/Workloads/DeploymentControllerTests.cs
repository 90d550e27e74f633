// The Deployment controller with the ReplicaSet controller and a fake kubelet, against the real API registry: the
// seed's `frontend-6f4d85b5c9-xxxxx` naming, kubectl scale, set image (bounds held at every step), Recreate, pause,
// history limits, adoption, and the status `kubectl rollout status` and `kubectl get deploy` read.
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using Kinet.Controllers.Runtime;
using Kinet.Model.Workloads;
using static Kinet.Controllers.Tests.Workloads.WorkloadCluster;

namespace Kinet.Controllers.Tests.Workloads;

public class DeploymentControllerTests(ITestOutputHelper output)
{
    private const string Safe = "[" + SafeEncoding.Alphabet + "]";

    private static bool RolledOut(JsonObject? d) => d is not null && RolloutStatus.Of(d).Done;

    private static string Image(JsonObject podOrTemplateSpec) => podOrTemplateSpec["containers"]![0]!["image"]!.GetValue<string>();

    private static Action<JsonObject> SetImage(string image) => d => d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image;

    [Fact]
    public async Task A_deployment_of_three_makes_a_hash_named_replica_set_and_three_pods_named_after_it()
    {
        await using var c = await StartAsync();
        await c.CreateAsync(Resources.Deployments, Objects.Deployment("frontend", 3));

        await Eventually(() => RolledOut(c.Deployment("frontend")), "the rollout to finish");
        var d = c.Deployment("frontend")!;
        var rs = Assert.Single(c.ReplicaSetsOf(d));
        var hash = rs["metadata"]!["labels"]!["pod-template-hash"]!.GetValue<string>();
        Assert.Matches("^" + Safe + "+$", hash);
        Assert.Equal("frontend-" + hash, Name(rs));
        Assert.Equal(hash, rs["spec"]!["selector"]!["matchLabels"]!["pod-template-hash"]!.GetValue<string>());
        Assert.Equal("1", rs["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>());
        Assert.Equal("1", d["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>());
        var pods = c.PodsOf(rs);
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Matches($"^frontend-{hash}-{Safe}{{5}}$", Name(p)));

        // kubectl get deploy: READY 3/3, UP-TO-DATE 3, AVAILABLE 3.
        Assert.Equal((3, 3, 3, 3), (Int(d, "status", "replicas"), Int(d, "status", "readyReplicas"), Int(d, "status", "updatedReplicas"), Int(d, "status", "availableReplicas")));
        Assert.Null(d["status"]!["unavailableReplicas"]);
        var conditions = d["status"]!["conditions"]!.AsArray().Select(x => (x!["type"]!.GetValue<string>(), x["status"]!.GetValue<string>(), x["reason"]!.GetValue<string>()));
        Assert.Contains(("Available", "True", "MinimumReplicasAvailable"), conditions);
        Assert.Contains(("Progressing", "True", "NewReplicaSetAvailable"), conditions);
        Assert.True(DeploymentStatus.IsComplete(d, d["status"]!.AsObject()));
        await Eventually(() => c.EventMessages("frontend", "ScalingReplicaSet").Count == 1, "the ScalingReplicaSet event");
        Assert.Equal($"Scaled up replica set frontend-{hash} from 0 to 3", c.EventMessages("frontend", "ScalingReplicaSet")[0]);
        Assert.Equal("deployment-controller", c.Events("frontend")[0]["source"]!["component"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scaling_three_to_five_to_one_resizes_the_replica_set_and_says_so()
    {
        await using var c = await StartAsync();
        await c.CreateAsync(Resources.Deployments, Objects.Deployment("web", 3));
        await Eventually(() => RolledOut(c.Deployment("web")), "the first rollout");
        var rs = Assert.Single(c.ReplicaSetsOf(c.Deployment("web")!));

        await c.ChangeAsync(Resources.Deployments, "web", d => d["spec"]!["replicas"] = 5);
        await Eventually(() => RolledOut(c.Deployment("web")) && Int(c.Deployment("web")!, "status", "availableReplicas") == 5, "five available");
        Assert.Equal(5, c.PodsOf(rs).Count);
        Assert.Equal("5", c.ReplicaSet(Name(rs))!["metadata"]!["annotations"]!["deployment.kubernetes.io/desired-replicas"]!.GetValue<string>());

        await c.ChangeAsync(Resources.Deployments, "web", d => d["spec"]!["replicas"] = 1);
        await Eventually(() => RolledOut(c.Deployment("web")) && Int(c.Deployment("web")!, "status", "replicas") == 1 && c.PodsOf(rs).Count == 1,
            "one pod left");
        Assert.Single(c.ReplicaSetsOf(c.Deployment("web")!));
        await Eventually(() => c.EventMessages("web", "ScalingReplicaSet").Count == 3, "three ScalingReplicaSet events");
        Assert.Equal(
            new[] { $"Scaled up replica set {Name(rs)} from 0 to 3", $"Scaled up replica set {Name(rs)} from 3 to 5", $"Scaled down replica set {Name(rs)} from 5 to 1" }.Order(),
            c.EventMessages("web", "ScalingReplicaSet").Order());
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    [InlineData(2, 1)]
    public async Task Setting_the_image_rolls_to_a_new_replica_set_within_max_surge_and_max_unavailable(int maxSurge, int maxUnavailable)
    {
        const int replicas = 4;
        await using var c = await StartAsync();
        await c.CreateAsync(Resources.Deployments, Objects.Deployment("web", replicas, "nginx:1.27", Objects.Rolling(maxSurge, maxUnavailable)));
        await Eventually(() => RolledOut(c.Deployment("web")), "the first rollout");
        var d = c.Deployment("web")!;
        var first = Assert.Single(c.ReplicaSetsOf(d));

        // Watch every step: the sets' sizes never exceed replicas + maxSurge, the ready pods never drop below
        // replicas - maxUnavailable.
        var watcher = new RolloutWatcher(c.Context.Informers, Uid(d));
        await c.ChangeAsync(Resources.Deployments, "web", SetImage("nginx:1.28"));
        await Eventually(() => RolledOut(c.Deployment("web")) && c.Deployment("web")!["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>() == "2",
            "the second rollout");
        await Eventually(() => c.ReplicaSetsOf(d).Sum(rs => c.PodsOf(rs).Count) == replicas, "the old pods gone");

        Assert.InRange(watcher.MaxSize, replicas, replicas + maxSurge);
        Assert.InRange(watcher.MinReady, replicas - maxUnavailable, replicas);
        var sets = c.ReplicaSetsOf(d);
        Assert.Equal(2, sets.Count);
        var second = sets.Single(s => Name(s) != Name(first));
        Assert.Equal("2", second["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>());
        Assert.Equal(0, c.ReplicaSet(Name(first))!["spec"]!["replicas"]!.GetValue<int>());
        Assert.All(c.PodsOf(second), p => Assert.Equal("nginx:1.28", Image(p["spec"]!.AsObject())));
        // How far each step goes depends on when pods become ready; the first and last steps do not.
        await Eventually(() => c.EventMessages("web", "ScalingReplicaSet").Any(m => m.StartsWith($"Scaled down replica set {Name(first)} from ", StringComparison.Ordinal) && m.EndsWith(" to 0", StringComparison.Ordinal)),
            "the old set's last scale-down event");
        Assert.Contains(c.EventMessages("web", "ScalingReplicaSet"), m => m.StartsWith($"Scaled up replica set {Name(second)} from 0 to ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Recreate_removes_every_old_pod_before_starting_a_new_one()
    {
        await using var c = await StartAsync();
        await c.CreateAsync(Resources.Deployments, Objects.Deployment("db", 3, "postgres:16", Objects.Recreate()));
        await Eventually(() => RolledOut(c.Deployment("db")), "the first rollout");
        var d = c.Deployment("db")!;
        var first = Assert.Single(c.ReplicaSetsOf(d));
        var watcher = new RolloutWatcher(c.Context.Informers, Uid(d));

        await c.ChangeAsync(Resources.Deployments, "db", SetImage("postgres:17"));
        await Eventually(() => RolledOut(c.Deployment("db")) && c.ReplicaSetsOf(d).Count == 2, "the second rollout");

        Assert.False(watcher.OldAndNewPodsTogether, "a new pod existed while an old one did");
        var second = c.ReplicaSetsOf(d).Single(s => Name(s) != Name(first));
        Assert.Equal(3, c.PodsOf(second).Count);
        Assert.Empty(c.PodsOf(first));
        var messages = await EventuallyMessages(c, "db", $"Scaled up replica set {Name(second)} from 0 to 3");
        Assert.Contains($"Scaled down replica set {Name(first)} from 3 to 0", messages);
    }

    [Fact]
    public async Task A_paused_deployment_scales_but_does_not_roll_until_resumed()
    {
        await using var c = await StartAsync();
        await c.CreateAsync(Resources.Deployments, Objects.Deployment("web", 2));
        await Eventually(() => RolledOut(c.Deployment("web")), "the first rollout");
        var d = c.Deployment("web")!;

        await c.ChangeAsync(Resources.Deployments, "web", x => x["spec"]!["paused"] = true);
        await c.ChangeAsync(Resources.Deployments, "web", SetImage("nginx:1.28"));
        await c.ChangeAsync(Resources.Deployments, "web", x => x["spec"]!["replicas"] = 3);
        await Eventually(() => Int(c.Deployment("web")!, "status", "availableReplicas") == 3 &&
                               Int(c.Deployment("web")!, "status", "observedGeneration") == Int(c.Deployment("web")!, "metadata", "generation"),
            "the paused deployment scaled");
        Assert.Single(c.ReplicaSetsOf(d));
        var progressing = c.Deployment("web")!["status"]!["conditions"]!.AsArray().Single(x => x!["type"]!.GetValue<string>() == "Progressing")!;
        Assert.Equal(("Unknown", "DeploymentPaused", "Deployment is paused"),
            (progressing["status"]!.GetValue<string>(), progressing["reason"]!.GetValue<string>(), progressing["message"]!.GetValue<string>()));

        await c.ChangeAsync(Resources.Deployments, "web", x => x["spec"]!["paused"] = false);
        await Eventually(() => RolledOut(c.Deployment("web")) && c.ReplicaSetsOf(d).Count == 2, "the rollout after resuming");
        var newest = c.ReplicaSetsOf(d).Single(s => s["spec"]!["replicas"]!.GetValue<int>() == 3);
        Assert.Equal("nginx:1.28", Image(newest["spec"]!["template"]!["spec"]!.AsObject()));
    }

    [Fact]
    public async Task Old_replica_sets_beyond_the_revision_history_limit_are_deleted()
    {
        await using var c = await StartAsync();
        var deployment = Objects.Deployment("web", 1);
        deployment["spec"]!["revisionHistoryLimit"] = 1;
        await c.CreateAsync(Resources.Deployments, deployment);
        var d = c.Deployment("web")!;
        foreach (var image in new[] { "nginx:1.28", "nginx:1.29", "nginx:1.30" })
        {
            await Eventually(() => RolledOut(c.Deployment("web")), "a rollout");
            await c.ChangeAsync(Resources.Deployments, "web", SetImage(image));
        }
        await Eventually(() => RolledOut(c.Deployment("web")) && c.ReplicaSetsOf(d).Count == 2, "two sets kept");
        var revisions = c.ReplicaSetsOf(d).Select(rs => rs["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>()).Order();
        Assert.Equal(["3", "4"], revisions);
    }

    [Fact]
    public async Task A_matching_orphan_replica_set_is_adopted_and_rolled_down()
    {
        await using var c = await StartAsync();
        var orphan = Objects.ReplicaSet("legacy", 2, "web");
        orphan["metadata"]!["labels"] = new JsonObject { ["app"] = "web" };
        await c.CreateAsync(Resources.ReplicaSets, orphan);
        await Eventually(() => Int(c.ReplicaSet("legacy")!, "status", "availableReplicas") == 2, "the orphan's pods");

        var d = await c.CreateAsync(Resources.Deployments, Objects.Deployment("web", 2, "nginx:1.28"));
        await Eventually(() => RolledOut(c.Deployment("web")) && c.ReplicaSetsOf(d).Count == 2, "the rollout over the adopted set");
        var legacy = c.ReplicaSet("legacy")!;
        Assert.Equal(Uid(d), OwnerUid(legacy));
        await Eventually(() => c.PodsOf(c.ReplicaSet("legacy")!).Count == 0, "the adopted set's pods gone");
        Assert.Equal(0, c.ReplicaSet("legacy")!["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Rolling_back_to_an_earlier_template_reuses_its_replica_set_under_a_new_revision()
    {
        await using var c = await StartAsync();
        var d = await c.CreateAsync(Resources.Deployments, Objects.Deployment("web", 2, "nginx:1.27"));
        await Eventually(() => RolledOut(c.Deployment("web")), "the first rollout");
        var first = Name(Assert.Single(c.ReplicaSetsOf(d)));
        await c.ChangeAsync(Resources.Deployments, "web", SetImage("nginx:1.28"));
        await Eventually(() => RolledOut(c.Deployment("web")) && c.ReplicaSetsOf(d).Count == 2, "the second rollout");

        // kubectl rollout undo puts the previous template back.
        await c.ChangeAsync(Resources.Deployments, "web", SetImage("nginx:1.27"));
        await Eventually(() => RolledOut(c.Deployment("web")) && c.ReplicaSet(first)!["spec"]!["replicas"]!.GetValue<int>() == 2, "the rollback");

        Assert.Equal(2, c.ReplicaSetsOf(d).Count);
        var annotations = c.ReplicaSet(first)!["metadata"]!["annotations"]!;
        Assert.Equal(("3", "1"), (annotations["deployment.kubernetes.io/revision"]!.GetValue<string>(), annotations["deployment.kubernetes.io/revision-history"]!.GetValue<string>()));
        Assert.Equal("3", c.Deployment("web")!["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scaling_in_the_middle_of_a_rollout_grows_both_replica_sets_in_proportion()
    {
        await using var c = await StartAsync();
        var d = await c.CreateAsync(Resources.Deployments, Objects.Deployment("web", 10, "nginx:1.27", Objects.Rolling(3, 2)));
        await Eventually(() => RolledOut(c.Deployment("web")), "the first rollout");
        var first = Name(Assert.Single(c.ReplicaSetsOf(d)));

        c.Kubelet!.Ready = false; // new pods start but never become ready: the rollout stalls half-way
        await c.ChangeAsync(Resources.Deployments, "web", SetImage("nginx:1.28"));
        // 10 + maxSurge 3 in all; the old set down to 10 - maxUnavailable 2 = 8 available, the new one at 5 unready.
        string Second() => Name(c.ReplicaSetsOf(d).Single(rs => Name(rs) != first));
        int Size(string rs) => c.ReplicaSet(rs)!["spec"]!["replicas"]!.GetValue<int>();
        await Eventually(() => c.ReplicaSetsOf(d).Count == 2 && (Size(first), Size(Second())) == (8, 5), "the rollout stalled at 8 old and 5 new");
        var second = Second();

        await c.ChangeAsync(Resources.Deployments, "web", x => x["spec"]!["replicas"] = 20);
        await Eventually(() => c.ReplicaSetsOf(d).Sum(rs => rs["spec"]!["replicas"]!.GetValue<int>()) == 23, "the scaled rollout at 20 + maxSurge");
        // 23 shared in the 8:5 proportion of the 13 before: 8 + round(8 × 23 / 13 − 8) = 14, 5 + round(5 × 23 / 13 − 5) = 9.
        Assert.Equal((14, 9), (c.ReplicaSet(first)!["spec"]!["replicas"]!.GetValue<int>(), c.ReplicaSet(second)!["spec"]!["replicas"]!.GetValue<int>()));
        Assert.All(c.ReplicaSetsOf(d), rs => Assert.Equal("20", rs["metadata"]!["annotations"]!["deployment.kubernetes.io/desired-replicas"]!.GetValue<string>()));

        c.Kubelet.MakeReady();
        await Eventually(() => RolledOut(c.Deployment("web")) && c.PodsOf(c.ReplicaSet(second)!).Count == 20, "the rollout finished at 20");
        Assert.Equal(0, c.ReplicaSet(first)!["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_foreign_replica_set_with_the_new_name_is_a_hash_collision_that_moves_the_name_on()
    {
        await using var c = await StartAsync();
        var paused = Objects.Deployment("web", 2);
        paused["spec"]!["paused"] = true; // nothing is created while paused: time to take the name
        var d = await c.CreateAsync(Resources.Deployments, paused);
        var taken = "web-" + NewReplicaSet.HashOf(d);
        var squatter = Objects.ReplicaSet(taken, 0, "other");
        await c.CreateAsync(Resources.ReplicaSets, squatter);

        await c.ChangeAsync(Resources.Deployments, "web", x => x["spec"]!["paused"] = false);
        await Eventually(() => RolledOut(c.Deployment("web")), "the rollout under another name");

        Assert.Equal(1, Int(c.Deployment("web")!, "status", "collisionCount"));
        var rs = Assert.Single(c.ReplicaSetsOf(d));
        Assert.NotEqual(taken, Name(rs));
        Assert.Null(OwnerUid(c.ReplicaSet(taken)!));
    }

    [Fact]
    public async Task A_rollout_that_makes_no_progress_is_reported_past_its_deadline()
    {
        await using var c = await StartAsync();
        c.Kubelet!.Ready = false; // pods never become ready
        var deployment = Objects.Deployment("web", 2);
        deployment["spec"]!["progressDeadlineSeconds"] = 1;
        await c.CreateAsync(Resources.Deployments, deployment);

        await Eventually(() => c.Deployment("web") is { } d && RolloutStatus.Of(d).Failed, "the deadline to pass");
        var progressing = c.Deployment("web")!["status"]!["conditions"]!.AsArray().Single(x => x!["type"]!.GetValue<string>() == "Progressing")!;
        Assert.Equal(("False", "ProgressDeadlineExceeded"), (progressing["status"]!.GetValue<string>(), progressing["reason"]!.GetValue<string>()));
        Assert.Equal("deployment \"web\" exceeded its progress deadline", RolloutStatus.Of(c.Deployment("web")!).Message);
    }

    [Fact]
    public async Task A_thousand_replicas_all_run()
    {
        await using var c = await StartAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await c.CreateAsync(Resources.Deployments, Objects.Deployment("big", 1000));
        var pods = c.Context.Informers.For(Resources.Pods);
        await Eventually(() => pods.List().Count == 1000, "a thousand pods", seconds: 120);
        output.WriteLine($"1000 pods created after {started.ElapsedMilliseconds} ms");
        await Eventually(() => RolledOut(c.Deployment("big")), "a thousand available replicas", seconds: 120);
        Assert.Equal(1000, c.PodsOf(Assert.Single(c.ReplicaSetsOf(c.Deployment("big")!))).Count);
        output.WriteLine($"1000 replicas available after {started.ElapsedMilliseconds} ms");
    }

    private static async Task<IReadOnlyList<string>> EventuallyMessages(WorkloadCluster c, string name, string expected)
    {
        await Eventually(() => c.EventMessages(name, "ScalingReplicaSet").Contains(expected), "event: " + expected);
        return c.EventMessages(name, "ScalingReplicaSet");
    }
}
