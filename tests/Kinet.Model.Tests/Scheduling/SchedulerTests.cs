// Scheduling feasibility and FailedScheduling messages. Conventions: a kind-like cluster "kind" with kind-control-plane
// (control-plane taint, zone a), kind-worker (zone a, disk=ssd, gpu=2) and kind-worker2 (zone b, gpu=8), all Ready.
using System.Text.Json.Nodes;
using Kinet.Model.Scheduling;

namespace Kinet.Model.Tests.Scheduling;

public class SchedulerTests
{
    private static JsonObject Node(string name, string labels, string taints = "[]", string extra = "") => JsonNode.Parse(
        "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labels + "},\"spec\":{\"taints\":" + taints + extra + "}," +
        "\"status\":{\"allocatable\":{\"pods\":\"110\"},\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}")!.AsObject();

    private static readonly JsonObject ControlPlane = Node("kind-control-plane",
        """{"kubernetes.io/hostname":"kind-control-plane","node-role.kubernetes.io/control-plane":"","zone":"a"}""",
        """[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]""");
    private static readonly JsonObject Worker = Node("kind-worker", """{"kubernetes.io/hostname":"kind-worker","zone":"a","disk":"ssd","gpu":"2"}""");
    private static readonly JsonObject Worker2 = Node("kind-worker2", """{"kubernetes.io/hostname":"kind-worker2","zone":"b","gpu":"8"}""");

    private static IReadOnlyList<NodeInfo> Cluster(int cp = 0, int w = 0, int w2 = 0) =>
        [new(ControlPlane, cp, []), new(Worker, w, []), new(Worker2, w2, [])];

    private static JsonObject Pod(string spec = "{}") =>
        JsonNode.Parse("{\"metadata\":{\"name\":\"p\",\"namespace\":\"default\"},\"spec\":" + spec + "}")!.AsObject();

    [Theory]
    [InlineData("{}", "kind-worker,kind-worker2")]
    [InlineData("""{"nodeSelector":{"disk":"ssd"}}""", "kind-worker")]
    [InlineData("""{"nodeSelector":{"zone":"a"}}""", "kind-worker")]
    [InlineData("""{"tolerations":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoSchedule"}]}""", "kind-control-plane,kind-worker,kind-worker2")]
    [InlineData("""{"tolerations":[{"operator":"Exists"}]}""", "kind-control-plane,kind-worker,kind-worker2")]
    [InlineData("""{"tolerations":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoExecute"}]}""", "kind-worker,kind-worker2")]
    [InlineData("""{"tolerations":[{"key":"node-role.kubernetes.io/control-plane","operator":"Equal","value":"x"}]}""", "kind-worker,kind-worker2")]
    [InlineData("""{"tolerations":[{"key":"node-role.kubernetes.io/control-plane","value":""}]}""", "kind-control-plane,kind-worker,kind-worker2")]
    [InlineData("""{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone","operator":"In","values":["b"]}]}]}}}}""", "kind-worker2")]
    [InlineData("""{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone","operator":"NotIn","values":["b"]}]}]}}}}""", "kind-worker")]
    [InlineData("""{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"disk","operator":"DoesNotExist"}]}]}}}}""", "kind-worker2")]
    [InlineData("""{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"gpu","operator":"Gt","values":["4"]}]}]}}}}""", "kind-worker2")]
    [InlineData("""{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"gpu","operator":"Lt","values":["4"]}]}]}}}}""", "kind-worker")]
    [InlineData("""{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"disk","operator":"Exists"}]},{"matchFields":[{"key":"metadata.name","operator":"In","values":["kind-worker2"]}]}]}}}}""", "kind-worker,kind-worker2")]
    [InlineData("""{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{}]}}}}""", "")]
    [InlineData("""{"nodeName":"kind-worker2"}""", "kind-worker2")]
    public void Feasible_nodes_follow_selectors_affinity_and_taints(string spec, string feasible)
    {
        var pod = Pod(spec);
        var names = Cluster().Where(n => NodeFilters.Check(pod, n) is null).Select(n => n.Name);
        Assert.Equal(feasible, string.Join(",", names));
    }

    [Fact]
    public void Pods_spread_to_the_node_with_fewest_pods_and_ties_go_by_name()
    {
        Assert.Equal("kind-worker", Scheduler.Schedule(Pod(), Cluster()).NodeName);
        Assert.Equal("kind-worker2", Scheduler.Schedule(Pod(), Cluster(w: 1)).NodeName);
        Assert.Equal("kind-worker", Scheduler.Schedule(Pod(), Cluster(w: 3, w2: 3)).NodeName);
    }

    [Fact]
    public void The_failure_message_is_worded_as_kube_scheduler_words_it()
    {
        var result = Scheduler.Schedule(Pod("""{"nodeSelector":{"zone":"c"}}"""), Cluster());
        Assert.False(result.Scheduled);
        Assert.Equal("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, " +
            "2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: " +
            "3 Preemption is not helpful for scheduling.", result.FailureMessage);
    }

    [Fact]
    public void Full_nodes_are_too_many_pods_where_preemption_finds_no_victims()
    {
        var result = Scheduler.Schedule(Pod(), Cluster(w: 110, w2: 110));
        Assert.Equal("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, " +
            "2 Too many pods. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, " +
            "2 No preemption victims found for incoming pod.", result.FailureMessage);
    }

    [Fact]
    public void Cordoned_and_not_ready_nodes_take_no_pods()
    {
        var cordoned = Node("kind-worker", "{}", "[]", ",\"unschedulable\":true");
        var notReady = Node("kind-worker2", "{}");
        notReady["status"]!["conditions"]![0]!["status"] = "False";
        var result = Scheduler.Schedule(Pod(), [new(cordoned, 0, []), new(notReady, 0, [])]);
        Assert.Equal("0/2 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, " +
            "1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
            result.FailureMessage);

        var tolerant = Pod("""{"tolerations":[{"key":"node.kubernetes.io/unschedulable","operator":"Exists","effect":"NoSchedule"}]}""");
        Assert.Equal("kind-worker", Scheduler.Schedule(tolerant, [new(cordoned, 0, []), new(notReady, 0, [])]).NodeName);
    }

    [Fact]
    public void A_cluster_without_nodes_says_so()
    {
        Assert.Equal("no nodes available to schedule pods", Scheduler.Schedule(Pod(), []).FailureMessage);
    }

    [Fact]
    public void A_taken_host_port_keeps_a_second_pod_off_the_node()
    {
        var spec = """{"containers":[{"name":"c","ports":[{"containerPort":80,"hostPort":8080}]}]}""";
        var first = Pod(spec);
        first["spec"]!["nodeName"] = "kind-worker";
        var worker = NodeInfo.From(Worker, [first]);
        Assert.Equal(NodeFilters.NodePortsReason, NodeFilters.Check(Pod(spec), worker)?.Reason);
        Assert.Null(NodeFilters.Check(Pod(spec.Replace("8080", "8081")), worker));
    }

    [Fact]
    public void Only_pods_without_a_node_are_scheduled()
    {
        Assert.True(Scheduler.NeedsScheduling(Pod()));
        Assert.False(Scheduler.NeedsScheduling(Pod("""{"nodeName":"kind-worker"}""")));
        Assert.False(Scheduler.NeedsScheduling(Pod("""{"schedulerName":"other"}""")));
    }

    [Fact]
    public void Pod_capacity_defaults_to_110_and_reads_allocatable()
    {
        var bare = JsonNode.Parse("""{"metadata":{"name":"n"}}""")!.AsObject();
        Assert.Equal(110, new NodeInfo(bare, 0, []).AllowedPods);
        var small = Node("small", "{}");
        small["status"]!["allocatable"]!["pods"] = "3";
        Assert.Equal(3, new NodeInfo(small, 0, []).AllowedPods);
        Assert.Equal(NodeFilters.TooManyPodsReason, NodeFilters.Check(Pod(), new NodeInfo(small, 3, []))?.Reason);
        Assert.Null(NodeFilters.Check(Pod(), new NodeInfo(small, 2, [])));
    }

    [Fact]
    public void Prefer_no_schedule_taints_do_not_block_but_no_execute_taints_do()
    {
        var soft = Node("soft", "{}", """[{"key":"dedicated","value":"batch","effect":"PreferNoSchedule"}]""");
        var hard = Node("hard", "{}", """[{"key":"dedicated","value":"batch","effect":"NoExecute"}]""");
        Assert.Null(NodeFilters.Check(Pod(), new NodeInfo(soft, 0, [])));
        Assert.Equal("node(s) had untolerated taint {dedicated: batch}", NodeFilters.Check(Pod(), new NodeInfo(hard, 0, []))?.Reason);
        var tolerant = Pod("""{"tolerations":[{"key":"dedicated","operator":"Equal","value":"batch","effect":"NoExecute"}]}""");
        Assert.Null(NodeFilters.Check(tolerant, new NodeInfo(hard, 0, [])));
    }
}
