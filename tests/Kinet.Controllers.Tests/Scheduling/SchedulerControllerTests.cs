// The scheduler controller against the real API registry: spreading, nodeSelector, the control-plane taint, the 110-pod
// capacity, FailedScheduling as kube-scheduler words it, and retries when the cluster changes.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;
using Kinet.Controllers.Tests.Nodes;

namespace Kinet.Controllers.Tests.Scheduling;

public class SchedulerControllerTests
{
    private const string ControlPlaneTaintMessage =
        "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, " +
        "2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";

    private static string? NodeOf(PodTestCluster c, string pod) => PodTestCluster.Str(c.GetPod(pod)?["spec"]?["nodeName"]);

    private static JsonObject WithSpec(JsonObject pod, string field, JsonNode value)
    {
        pod["spec"]![field] = value;
        return pod;
    }

    [Fact]
    public async Task Replicas_spread_evenly_over_the_workers_and_stay_off_the_tainted_control_plane()
    {
        await using var c = await PodTestCluster.StartAsync(kubelet: false);
        await c.AddNodeAsync(PodTestCluster.Worker("kind-worker3", "10.244.3.0/24", "172.18.0.5"));
        for (var i = 0; i < 9; i++) await c.CreateAsync(Resources.Pods, PodTestCluster.Pod($"web-{i}"));

        await c.Eventually(() => c.Pods().All(p => PodTestCluster.Str(p["spec"]?["nodeName"]) is not null), "every pod bound");

        var perNode = c.Pods().GroupBy(p => PodTestCluster.Str(p["spec"]?["nodeName"])).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["kind-worker"] = 3, ["kind-worker2"] = 3, ["kind-worker3"] = 3 }, perNode);
    }

    [Fact]
    public async Task A_bound_pod_gets_the_Scheduled_event_kube_scheduler_records()
    {
        await using var c = await PodTestCluster.StartAsync(kubelet: false);
        await c.CreateAsync(Resources.Pods, PodTestCluster.Pod("web"));

        await c.Eventually(() => c.Events("web", "Scheduled").Count == 1, "Scheduled event");

        var e = c.Events("web", "Scheduled")[0];
        Assert.Equal($"Successfully assigned default/web to {NodeOf(c, "web")}", PodTestCluster.Str(e["message"]));
        Assert.Equal("Normal", PodTestCluster.Str(e["type"]));
        Assert.Equal("default-scheduler", PodTestCluster.Str(e["source"]?["component"]));
    }

    [Fact]
    public async Task A_nodeSelector_picks_the_labelled_node()
    {
        await using var c = await PodTestCluster.StartAsync(kubelet: false);
        for (var i = 0; i < 3; i++)
            await c.CreateAsync(Resources.Pods, WithSpec(PodTestCluster.Pod($"pinned-{i}"), "nodeSelector", new JsonObject { ["kubernetes.io/hostname"] = "kind-worker2" }));

        await c.Eventually(() => Enumerable.Range(0, 3).All(i => NodeOf(c, $"pinned-{i}") is not null), "pinned pods bound");

        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal("kind-worker2", NodeOf(c, $"pinned-{i}")));
    }

    [Fact]
    public async Task A_pod_that_fits_nowhere_stays_pending_with_kube_schedulers_reason_and_is_placed_once_a_node_matches()
    {
        await using var c = await PodTestCluster.StartAsync(kubelet: false);
        await c.CreateAsync(Resources.Pods, WithSpec(PodTestCluster.Pod("db"), "nodeSelector", new JsonObject { ["disk"] = "ssd" }));

        await c.Eventually(() => c.Events("db", "FailedScheduling").Count > 0, "FailedScheduling event");
        var e = c.Events("db", "FailedScheduling")[0];
        Assert.Equal(ControlPlaneTaintMessage, PodTestCluster.Str(e["message"]));
        Assert.Equal("Warning", PodTestCluster.Str(e["type"]));
        await c.Eventually(() => PodScheduled(c.GetPod("db")!) is { } cond && PodTestCluster.Str(cond["status"]) == "False", "PodScheduled=False");
        var condition = PodScheduled(c.GetPod("db")!)!;
        Assert.Equal("Unschedulable", PodTestCluster.Str(condition["reason"]));
        Assert.Equal(ControlPlaneTaintMessage, PodTestCluster.Str(condition["message"]));
        Assert.Null(NodeOf(c, "db"));

        var worker = c.Client.Get(Resources.Nodes, null, "kind-worker2")!;
        worker["metadata"]!["labels"]!["disk"] = "ssd";
        await c.Client.UpdateAsync(Resources.Nodes, worker, "test");

        await c.Eventually(() => NodeOf(c, "db") is not null, "db bound after the label appeared");
        Assert.Equal("kind-worker2", NodeOf(c, "db"));
    }

    [Fact]
    public async Task With_no_nodes_a_pod_waits_and_is_placed_when_the_first_node_registers()
    {
        await using var c = await PodTestCluster.StartAsync(kubelet: false, defaultNodes: false);
        await c.CreateAsync(Resources.Pods, PodTestCluster.Pod("web"));

        await c.Eventually(() => c.Events("web", "FailedScheduling").Count > 0, "FailedScheduling");
        Assert.Equal("no nodes available to schedule pods", PodTestCluster.Str(c.Events("web", "FailedScheduling")[0]["message"]));

        await c.AddNodeAsync(PodTestCluster.Worker("kind-worker", "10.244.1.0/24", "172.18.0.3"));

        await c.Eventually(() => NodeOf(c, "web") == "kind-worker", "web bound to the new node");
        await c.Eventually(() => PodTestCluster.Str(PodScheduled(c.GetPod("web")!)?["status"]) == "True", "PodScheduled=True from the binding");
    }

    [Fact]
    public async Task The_control_plane_takes_only_pods_that_tolerate_its_taint()
    {
        await using var c = await PodTestCluster.StartAsync(kubelet: false);
        var onControlPlane = new JsonObject { ["node-role.kubernetes.io/control-plane"] = "" };
        await c.CreateAsync(Resources.Pods, WithSpec(PodTestCluster.Pod("intolerant"), "nodeSelector", onControlPlane.DeepClone()));
        var tolerant = WithSpec(PodTestCluster.Pod("tolerant"), "nodeSelector", onControlPlane.DeepClone());
        tolerant["spec"]!["tolerations"] = new JsonArray(new JsonObject
        {
            ["key"] = "node-role.kubernetes.io/control-plane", ["operator"] = "Exists", ["effect"] = "NoSchedule",
        });
        await c.CreateAsync(Resources.Pods, tolerant);

        await c.Eventually(() => NodeOf(c, "tolerant") is not null && c.Events("intolerant", "FailedScheduling").Count > 0, "both decided");

        Assert.Equal("kind-control-plane", NodeOf(c, "tolerant"));
        Assert.Null(NodeOf(c, "intolerant"));
        Assert.Equal(ControlPlaneTaintMessage, PodTestCluster.Str(c.Events("intolerant", "FailedScheduling")[0]["message"]));
    }

    [Fact]
    public async Task A_node_takes_110_pods_and_the_next_waits_until_one_goes()
    {
        await using var c = await PodTestCluster.StartAsync(kubelet: false, defaultNodes: false);
        await c.AddNodeAsync(PodTestCluster.Worker("kind-worker", "10.244.1.0/24", "172.18.0.3"));
        await Task.WhenAll(Enumerable.Range(0, 111).Select(i => c.CreateAsync(Resources.Pods, PodTestCluster.Pod($"p-{i}"))));

        string? Pending() => c.Pods().Where(p => PodTestCluster.Str(p["spec"]?["nodeName"]) is null)
            .Select(p => PodTestCluster.Str(p["metadata"]?["name"])).SingleOrDefault();
        await c.Eventually(() => c.Pods().Count(p => PodTestCluster.Str(p["spec"]?["nodeName"]) is not null) == 110 &&
                                 Pending() is { } p && c.Events(p, "FailedScheduling").Count > 0,
            "110 bound, one refused");
        var name = Pending()!;
        Assert.Equal("0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
            PodTestCluster.Str(c.Events(name, "FailedScheduling")[0]["message"]));

        var victim = c.Pods().First(p => PodTestCluster.Str(p["spec"]?["nodeName"]) is not null);
        await c.Client.DeleteAsync(Resources.Pods, "default", PodTestCluster.Str(victim["metadata"]?["name"])!, new ObjectDeleteOptions(GracePeriodSeconds: 0));

        await c.Eventually(() => NodeOf(c, name) == "kind-worker", "the waiting pod bound once room was made");
        Assert.Equal(110, c.Pods().Count(p => PodTestCluster.Str(p["spec"]?["nodeName"]) is not null));
    }

    [Fact]
    public async Task Pods_for_another_scheduler_or_already_placed_are_left_alone()
    {
        await using var c = await PodTestCluster.StartAsync(kubelet: false);
        await c.CreateAsync(Resources.Pods, WithSpec(PodTestCluster.Pod("custom"), "schedulerName", JsonValue.Create("my-scheduler")));
        await c.CreateAsync(Resources.Pods, PodTestCluster.Pod("placed", nodeName: "kind-worker2"));
        await c.CreateAsync(Resources.Pods, PodTestCluster.Pod("marker"));

        await c.Eventually(() => NodeOf(c, "marker") is not null, "the ordinary pod bound");

        Assert.Null(NodeOf(c, "custom"));
        Assert.Empty(c.Events("custom", "FailedScheduling"));
        Assert.Empty(c.Events("placed", "Scheduled"));
        Assert.Equal(1, c.Scheduler!.Cache.PodCount("kind-worker2") - (NodeOf(c, "marker") == "kind-worker2" ? 1 : 0));
    }

    private static JsonObject? PodScheduled(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => PodTestCluster.Str(c["type"]) == "PodScheduled");
}
