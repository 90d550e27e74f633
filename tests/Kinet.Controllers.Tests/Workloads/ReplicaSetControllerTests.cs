// The ReplicaSet controller against the real API registry: pods from the template named by generateName, scaling both
// ways with events, adoption and release, terminating pods replaced, no over-creation while its creates are in flight.
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;
using Kinet.Model.Workloads;
using static Kinet.Controllers.Tests.Workloads.WorkloadCluster;

namespace Kinet.Controllers.Tests.Workloads;

public class ReplicaSetControllerTests
{
    private static readonly Regex PodName = new("^web-[" + SafeEncoding.Alphabet + "]{5}$");

    [Fact]
    public async Task A_replica_set_creates_its_pods_named_after_it_and_reports_them_ready()
    {
        await using var c = await StartAsync(deployments: false);
        var rs = await c.CreateAsync(Resources.ReplicaSets, Objects.ReplicaSet("web", 3, "web"));

        await Eventually(() => c.ReplicaSet("web") is { } r && Int(r, "status", "availableReplicas") == 3, "3 available replicas");
        var status = c.ReplicaSet("web")!["status"]!;
        Assert.Equal(3, status["replicas"]!.GetValue<int>());
        Assert.Equal(3, status["fullyLabeledReplicas"]!.GetValue<int>());
        Assert.Equal(3, status["readyReplicas"]!.GetValue<int>());
        Assert.Equal(1, status["observedGeneration"]!.GetValue<int>());
        var pods = c.PodsOf(rs);
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Matches(PodName, Name(p)));
        Assert.All(pods, p => Assert.Equal("web-", p["metadata"]!["generateName"]!.GetValue<string>()));
        Assert.All(pods, p => Assert.True(p["metadata"]!["ownerReferences"]![0]!["blockOwnerDeletion"]!.GetValue<bool>()));
        await Eventually(() => c.EventMessages("web", "SuccessfulCreate").Count == 3, "three SuccessfulCreate events");
        Assert.Equal(pods.Select(p => "Created pod: " + Name(p)).Order(), c.EventMessages("web", "SuccessfulCreate").Order());
        Assert.Equal("replicaset-controller", c.Events("web")[0]["source"]!["component"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scaling_a_replica_set_down_deletes_the_surplus_and_says_so()
    {
        await using var c = await StartAsync(deployments: false);
        var rs = await c.CreateAsync(Resources.ReplicaSets, Objects.ReplicaSet("web", 3, "web"));
        await Eventually(() => Int(c.ReplicaSet("web")!, "status", "availableReplicas") == 3, "3 available replicas");

        await c.ChangeAsync(Resources.ReplicaSets, "web", r => r["spec"]!["replicas"] = 1);

        await Eventually(() => c.PodsOf(rs).Count == 1 && Int(c.ReplicaSet("web")!, "status", "replicas") == 1, "one pod left");
        await Eventually(() => c.EventMessages("web", "SuccessfulDelete").Count == 2, "two SuccessfulDelete events");
        Assert.All(c.EventMessages("web", "SuccessfulDelete"), m => Assert.Matches("^Deleted pod: web-[a-z0-9]{5}$", m));
        Assert.Equal(2, Int(c.ReplicaSet("web")!, "status", "observedGeneration"));
    }

    [Fact]
    public async Task A_matching_orphan_is_adopted_and_a_pod_that_stops_matching_is_released()
    {
        await using var c = await StartAsync(deployments: false);
        await c.CreateAsync(Resources.Pods, Objects.Pod("stray", "web"));
        await Eventually(() => c.Context.Informers.For(Resources.Pods).Get("default", "stray") is not null, "the stray pod in the cache");
        var rs = await c.CreateAsync(Resources.ReplicaSets, Objects.ReplicaSet("web", 2, "web"));

        await Eventually(() => Int(c.ReplicaSet("web")!, "status", "availableReplicas") == 2, "2 available replicas");
        Assert.Equal(Uid(rs), OwnerUid(c.Client.Get(Resources.Pods, "default", "stray")!));
        Assert.Equal(2, c.PodsOf(rs).Count); // the orphan counted: only one pod was created

        await c.ChangeAsync(Resources.Pods, "stray", p => p["metadata"]!["labels"]!["app"] = "other");

        await Eventually(() => OwnerUid(c.Client.Get(Resources.Pods, "default", "stray")!) is null, "the stray pod released");
        await Eventually(() => c.PodsOf(rs).Count(p => !Terminating(p)) == 2 && Int(c.ReplicaSet("web")!, "status", "availableReplicas") == 2,
            "a replacement for the released pod");
        Assert.DoesNotContain(c.PodsOf(rs), p => Name(p) == "stray");
    }

    [Fact]
    public async Task A_terminating_pod_is_not_counted_and_gets_a_replacement()
    {
        // No kubelet: a pod on a node deleted gracefully stays, marked, as it would while its containers stop.
        await using var c = await StartAsync(deployments: false, kubelet: false);
        var rs = await c.CreateAsync(Resources.ReplicaSets, Objects.ReplicaSet("web", 2, "web"));
        await Eventually(() => c.PodsOf(rs).Count == 2, "two pods");
        var victim = Name(c.PodsOf(rs)[0]);
        await c.Client.DeleteAsync(Resources.Pods, "default", victim);

        await Eventually(() => c.PodsOf(rs).Count == 3 && Int(c.ReplicaSet("web")!, "status", "replicas") == 2, "a replacement next to the terminating pod");
        Assert.True(Terminating(c.Client.Get(Resources.Pods, "default", victim)!));
    }

    [Fact]
    public async Task Pods_not_yet_seen_are_expected_so_none_are_created_twice()
    {
        await using var c = await StartAsync(deployments: false);
        var seen = new ConcurrentDictionary<string, bool>();
        c.Context.Informers.For(Resources.Pods).AddHandler(e => seen.TryAdd(Name(e.Object), true));
        var rs = await c.CreateAsync(Resources.ReplicaSets, Objects.ReplicaSet("web", 60, "web"));

        await Eventually(() => Int(c.ReplicaSet("web")!, "status", "availableReplicas") == 60, "60 available replicas");
        await Eventually(() => c.EventMessages("web", "SuccessfulCreate").Count == 60, "60 SuccessfulCreate events");
        Assert.Equal(60, seen.Count);
        Assert.Empty(c.EventMessages("web", "SuccessfulDelete"));
    }

    [Fact]
    public async Task Refused_creations_are_reported_and_retried_until_they_succeed_without_holding_up_other_sets()
    {
        var refusing = new RefusingClient((await Kinet.Controllers.Tests.Support.ApiBackedClient.StartAsync()).Client) { RefusePods = true };
        await using var c = await StartAsync(deployments: false, client: refusing);
        var rs = await c.CreateAsync(Resources.ReplicaSets, Objects.ReplicaSet("web", 10, "web"));

        await c.CreateAsync(Resources.ReplicaSets, Objects.ReplicaSet("api", 2, "api"));

        await Eventually(() => FailureReason(c) == "FailedCreate", "the ReplicaFailure condition");
        await Eventually(() => Int(c.ReplicaSet("api")!, "status", "availableReplicas") == 2, "the other ReplicaSet unaffected");
        var condition = c.ReplicaSet("web")!["status"]!["conditions"]![0]!;
        Assert.Equal(("True", "pods \"web-\" is forbidden: exceeded quota: pods"), (condition["status"]!.GetValue<string>(), condition["message"]!.GetValue<string>()));
        await Eventually(() => c.EventMessages("web", "FailedCreate").Count > 0, "a FailedCreate event");
        Assert.Equal("Error creating: pods \"web-\" is forbidden: exceeded quota: pods", c.EventMessages("web", "FailedCreate")[0]);
        Assert.Equal("Warning", c.Events("web").First(e => e["reason"]!.GetValue<string>() == "FailedCreate")["type"]!.GetValue<string>());

        refusing.RefusePods = false;
        await Eventually(() => Int(c.ReplicaSet("web")!, "status", "availableReplicas") == 10 && FailureReason(c) is null, "recovery");
        Assert.Equal(10, c.PodsOf(rs).Count);
    }

    private static string? FailureReason(WorkloadCluster c) =>
        (c.ReplicaSet("web")!["status"]?["conditions"] as System.Text.Json.Nodes.JsonArray)?.FirstOrDefault(x => x!["type"]!.GetValue<string>() == "ReplicaFailure")?["reason"]?.GetValue<string>();

    [Fact]
    public async Task Scaling_down_deletes_the_pods_that_are_not_ready_first()
    {
        await using var c = await StartAsync(deployments: false);
        var rs = await c.CreateAsync(Resources.ReplicaSets, Objects.ReplicaSet("web", 3, "web"));
        await Eventually(() => Int(c.ReplicaSet("web")!, "status", "readyReplicas") == 3, "3 ready replicas");
        var readyPods = c.PodsOf(rs).Select(Name).ToHashSet();

        c.Kubelet!.Ready = false;
        await c.ChangeAsync(Resources.ReplicaSets, "web", r => r["spec"]!["replicas"] = 5);
        await Eventually(() => Int(c.ReplicaSet("web")!, "status", "replicas") == 5, "two more, not ready");
        await c.ChangeAsync(Resources.ReplicaSets, "web", r => r["spec"]!["replicas"] = 3);

        await Eventually(() => c.PodsOf(rs).Count == 3, "back to three");
        Assert.Equal(readyPods, c.PodsOf(rs).Select(Name).ToHashSet());
    }

    [Fact]
    public async Task Pods_count_as_available_once_ready_for_min_ready_seconds()
    {
        await using var c = await StartAsync(deployments: false);
        var set = Objects.ReplicaSet("web", 2, "web");
        set["spec"]!["minReadySeconds"] = 1;
        await c.CreateAsync(Resources.ReplicaSets, set);

        await Eventually(() => Int(c.ReplicaSet("web")!, "status", "readyReplicas") == 2, "2 ready replicas");
        await Eventually(() => Int(c.ReplicaSet("web")!, "status", "availableReplicas") == 2, "2 available replicas, a second or two later");
    }

    [Fact]
    public void The_counts_from_remembered_pod_views_are_the_models()
    {
        var rs = Objects.ReplicaSet("web", 4, "web");
        rs["metadata"]!["generation"] = 1;
        JsonObject Pod(string name, bool ready, string app)
        {
            var p = Objects.Pod(name, app);
            p["status"] = new JsonObject
            {
                ["phase"] = ready ? "Running" : "Pending",
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False", ["lastTransitionTime"] = "2026-01-01T00:00:00Z" }),
            };
            return p;
        }
        JsonObject[] pods = [Pod("a", true, "web"), Pod("b", false, "web"), Pod("c", true, "other"), Pod("d", false, "other")];
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero);
        foreach (var minReady in new[] { 0, 10, 60 })
        {
            rs["spec"]!["minReadySeconds"] = minReady;
            var model = ReplicaSetStatus.Compute(rs, pods, now);
            var counts = Kinet.Controllers.Workloads.ReplicaSetController.Counts(rs, pods, now);
            Assert.Equal((model["replicas"]!.GetValue<int>(), model["fullyLabeledReplicas"]!.GetValue<int>(), model["readyReplicas"]!.GetValue<int>(),
                model["availableReplicas"]!.GetValue<int>()), counts);
        }
    }

    [Fact]
    public async Task Reconciling_a_replica_set_that_is_gone_does_nothing()
    {
        await using var c = await StartAsync(deployments: false, kubelet: false);
        await c.ReplicaSets.ReconcileAsync("default/nothing", CancellationToken.None);
        Assert.Empty(c.Client.List(Resources.Pods, "default").Items);
    }
}
