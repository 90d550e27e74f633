// The kubelet controller with the simulated agent, against the real API registry: addresses from the pod's node CIDR,
// the status a kubelet writes, its events, graceful deletion, exhausted CIDRs and a daemon restart.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;
using Kinet.Model.Networking;

namespace Kinet.Controllers.Tests.Nodes;

public class KubeletControllerTests
{
    private static readonly Dictionary<string, (string Cidr, string Ip)> KindNodes = new()
    {
        ["kind-control-plane"] = ("10.244.0.0/24", "172.18.0.2"),
        ["kind-worker"] = ("10.244.1.0/24", "172.18.0.3"),
        ["kind-worker2"] = ("10.244.2.0/24", "172.18.0.4"),
    };

    private static string? S(JsonNode? n) => PodTestCluster.Str(n);

    private static bool IsRunning(JsonObject? pod) => S(pod?["status"]?["phase"]) == "Running" && S(pod?["status"]?["podIP"]) is not null;

    [Fact]
    public async Task Scheduled_pods_get_unique_addresses_from_their_nodes_CIDR()
    {
        await using var c = await PodTestCluster.StartAsync();
        for (var i = 0; i < 12; i++) await c.CreateAsync(Resources.Pods, PodTestCluster.Pod($"web-{i}"));

        await c.Eventually(() => c.Pods().Count(IsRunning) == 12, "every pod Running with an address");

        var pods = c.Pods();
        foreach (var pod in pods)
        {
            var node = S(pod["spec"]?["nodeName"])!;
            Assert.True(Cidr.Parse(KindNodes[node].Cidr).Contains(IP.Parse(S(pod["status"]?["podIP"])!)), $"{S(pod["status"]?["podIP"])} on {node}");
            Assert.Equal(KindNodes[node].Ip, S(pod["status"]?["hostIP"]));
        }
        Assert.Equal(12, pods.Select(p => S(p["status"]?["podIP"])).Distinct().Count());
    }

    [Fact]
    public async Task A_running_pod_has_the_status_a_kubelet_writes()
    {
        await using var c = await PodTestCluster.StartAsync(scheduler: false);
        await c.CreateAsync(Resources.Pods, PodTestCluster.Pod("web", nodeName: "kind-worker"));

        await c.Eventually(() => IsRunning(c.GetPod("web")), "web Running");

        var status = c.GetPod("web")!["status"]!.AsObject();
        Assert.Equal("10.244.1.2", S(status["podIP"]));
        Assert.Equal("10.244.1.2", S(status["podIPs"]![0]!["ip"]));
        Assert.Equal("172.18.0.3", S(status["hostIP"]));
        Assert.Equal("172.18.0.3", S(status["hostIPs"]![0]!["ip"]));
        Assert.NotNull(S(status["startTime"]));
        var conditions = status["conditions"]!.AsArray().Select(x => x!.AsObject()).ToArray();
        Assert.Equal(["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"], conditions.Select(x => S(x["type"])));
        Assert.All(conditions, x =>
        {
            Assert.Equal("True", S(x["status"]));
            Assert.NotNull(S(x["lastTransitionTime"]));
        });
        var container = status["containerStatuses"]!.AsArray().Single()!.AsObject();
        Assert.Equal("nginx", S(container["name"]));
        Assert.Equal("docker.io/library/nginx:latest", S(container["image"]));
        Assert.StartsWith("docker.io/library/nginx@sha256:", S(container["imageID"]));
        Assert.StartsWith("kinet://", S(container["containerID"]));
        Assert.True(container["ready"]!.GetValue<bool>());
        Assert.True(container["started"]!.GetValue<bool>());
        Assert.Equal(0, container["restartCount"]!.GetValue<int>());
        Assert.NotNull(S(container["state"]?["running"]?["startedAt"]));
    }

    [Fact]
    public async Task Syncing_a_running_pod_again_writes_nothing()
    {
        await using var c = await PodTestCluster.StartAsync(scheduler: false);
        await c.CreateAsync(Resources.Pods, PodTestCluster.Pod("web", nodeName: "kind-worker"));
        var cache = c.Context!.Informers.For(Resources.Pods);
        await c.Eventually(() => IsRunning(cache.Get("default", "web")), "the informer shows web Running");
        var version = S(c.GetPod("web")!["metadata"]?["resourceVersion"]);

        await c.Kubelet!.ReconcileAsync("default/web", c.Token);

        Assert.Equal(version, S(c.GetPod("web")!["metadata"]?["resourceVersion"]));
        // And the stored status is exactly what the kubelet builds (the API server kept every field as written).
        var pod = c.GetPod("web")!;
        var state = c.Agent.GetPodState(S(pod["metadata"]?["uid"])!)!;
        var rebuilt = Kinet.Controllers.Nodes.KubeletPodStatus.Build(pod, [IP.Parse("172.18.0.3")], [IP.Parse(S(pod["status"]?["podIP"])!)], state,
            DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.True(JsonNode.DeepEquals(pod["status"], rebuilt), $"{pod["status"]!.ToJsonString()}\n{rebuilt.ToJsonString()}");
    }

    [Fact]
    public async Task A_pod_bound_to_a_node_that_registers_later_runs_once_it_does()
    {
        await using var c = await PodTestCluster.StartAsync(scheduler: false);
        await c.CreateAsync(Resources.Pods, PodTestCluster.Pod("early", nodeName: "kind-worker3"));
        await c.CreateAsync(Resources.Pods, PodTestCluster.Pod("marker", nodeName: "kind-worker"));
        await c.Eventually(() => IsRunning(c.GetPod("marker")), "marker Running");
        Assert.Null(c.GetPod("early")!["status"]?["podIP"]);

        await c.AddNodeAsync(PodTestCluster.Worker("kind-worker3", "10.244.3.0/24", "172.18.0.5"));

        await c.Eventually(() => IsRunning(c.GetPod("early")), "early Running");
        Assert.Equal("10.244.3.2", S(c.GetPod("early")!["status"]?["podIP"]));
    }

    [Fact]
    public async Task Starting_a_pod_records_the_kubelets_events_for_each_container()
    {
        await using var c = await PodTestCluster.StartAsync(scheduler: false);
        await c.CreateAsync(Resources.Pods, PodTestCluster.Pod("web", nodeName: "kind-worker2"));

        await c.Eventually(() => c.Events("web", "Started").Count == 1, "Started event");
        await c.Eventually(() => c.Events("web", "Pulled").Count == 1 && c.Events("web", "Created").Count == 1, "Pulled and Created events");

        Assert.Equal("Container image \"nginx\" already present on machine", S(c.Events("web", "Pulled")[0]["message"]));
        Assert.Equal("Created container: nginx", S(c.Events("web", "Created")[0]["message"]));
        Assert.Equal("Started container nginx", S(c.Events("web", "Started")[0]["message"]));
        var source = c.Events("web", "Started")[0]["source"]!;
        Assert.Equal("kubelet", S(source["component"]));
        Assert.Equal("kind-worker2", S(source["host"]));
    }

    [Fact]
    public async Task A_host_network_pod_takes_the_nodes_address_and_no_pod_address()
    {
        await using var c = await PodTestCluster.StartAsync(scheduler: false);
        var pod = PodTestCluster.Pod("agent", nodeName: "kind-worker");
        pod["spec"]!["hostNetwork"] = true;
        await c.CreateAsync(Resources.Pods, pod);

        await c.Eventually(() => IsRunning(c.GetPod("agent")), "agent Running");

        Assert.Equal("172.18.0.3", S(c.GetPod("agent")!["status"]?["podIP"]));
        Assert.Equal(0, c.Kubelet!.Addresses.Used("kind-worker"));
    }

    [Fact]
    public async Task Graceful_deletion_stops_the_pod_deletes_it_and_frees_its_address()
    {
        await using var c = await PodTestCluster.StartAsync(scheduler: false);
        var created = await c.CreateAsync(Resources.Pods, PodTestCluster.Pod("web", nodeName: "kind-worker"));
        var uid = S(created["metadata"]?["uid"])!;
        await c.Eventually(() => IsRunning(c.GetPod("web")), "web Running");
        Assert.Equal(1, c.Kubelet!.Addresses.Used("kind-worker"));

        await c.Client.DeleteAsync(Resources.Pods, "default", "web"); // the default 30 s grace: the kubelet finishes it

        await c.Eventually(() => c.GetPod("web") is null, "web gone");
        await c.Eventually(() => c.Kubelet.Addresses.Used("kind-worker") == 0, "address released");
        Assert.Null(c.Kubelet.Addresses.AddressOf(uid));
        Assert.Equal(0, c.Agent.RunningPods);
        await c.Eventually(() => c.Events("web", "Killing").Count == 1, "Killing event");
        Assert.Equal("Stopping container nginx", S(c.Events("web", "Killing")[0]["message"]));
    }

    [Fact]
    public async Task A_pod_on_a_node_with_no_free_address_waits_in_ContainerCreating_until_one_is_freed()
    {
        await using var c = await PodTestCluster.StartAsync(scheduler: false, defaultNodes: false);
        await c.AddNodeAsync(PodTestCluster.Worker("tiny", "10.244.9.0/30", "172.18.0.9")); // one usable address: .2
        await c.CreateAsync(Resources.Pods, PodTestCluster.Pod("first", nodeName: "tiny"));
        await c.Eventually(() => IsRunning(c.GetPod("first")), "first Running");

        await c.CreateAsync(Resources.Pods, PodTestCluster.Pod("second", nodeName: "tiny"));

        await c.Eventually(() => c.Events("second", "FailedCreatePodSandBox").Count > 0, "FailedCreatePodSandBox");
        var message = S(c.Events("second", "FailedCreatePodSandBox")[0]["message"])!;
        Assert.StartsWith("Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"", message);
        Assert.EndsWith("failed to allocate for range 0: no IP addresses available in range set: 10.244.9.1-10.244.9.2", message);
        Assert.Equal("Warning", S(c.Events("second", "FailedCreatePodSandBox")[0]["type"]));
        await c.Eventually(() => S(c.GetPod("second")?["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"]) == "ContainerCreating",
            "second shows ContainerCreating");
        Assert.Equal("Pending", S(c.GetPod("second")!["status"]?["phase"]));
        Assert.Null(c.GetPod("second")!["status"]?["podIP"]);

        await c.Client.DeleteAsync(Resources.Pods, "default", "first");

        await c.Eventually(() => IsRunning(c.GetPod("second")), "second Running once first went");
        Assert.Equal("10.244.9.2", S(c.GetPod("second")!["status"]?["podIP"]));
    }

    [Fact]
    public async Task After_a_restart_running_pods_keep_their_addresses_and_new_pods_get_others()
    {
        var first = await PodTestCluster.StartAsync(scheduler: false);
        for (var i = 0; i < 4; i++) await first.CreateAsync(Resources.Pods, PodTestCluster.Pod($"old-{i}", nodeName: "kind-worker"));
        await first.Eventually(() => first.Pods().Count(IsRunning) == 4, "old pods Running");
        // A gap at the start of the range: a book rebuilt from nothing would hand the first address out again.
        // Pods start concurrently, so any of them may hold the first address: delete its holder and one other pod.
        var firstHolder = S(first.Pods().Single(p => S(p["status"]?["podIP"]) == "10.244.1.2")["metadata"]?["name"])!;
        var another = first.Pods().Select(p => S(p["metadata"]?["name"])!).First(n => n != firstHolder);
        await first.Client.DeleteAsync(Resources.Pods, "default", firstHolder, new ObjectDeleteOptions(GracePeriodSeconds: 0));
        await first.Client.DeleteAsync(Resources.Pods, "default", another, new ObjectDeleteOptions(GracePeriodSeconds: 0));
        await first.Eventually(() => first.Pods().Count == 2, "two old pods left");
        var survivor = S(first.Pods()[0]["metadata"]?["name"])!;
        await first.Eventually(() => first.Events(survivor, "Started").Count == 1, "Started recorded");
        var before = first.Pods().ToDictionary(p => S(p["metadata"]?["name"])!, p => S(p["status"]?["podIP"])!);
        await first.DisposeAsync();

        await using var second = first.Restarted(scheduler: false);
        for (var i = 0; i < 3; i++) await second.CreateAsync(Resources.Pods, PodTestCluster.Pod($"new-{i}", nodeName: "kind-worker"));
        await second.Eventually(() => second.Pods().Count(IsRunning) == 5, "new pods Running");

        var after = second.Pods().ToDictionary(p => S(p["metadata"]?["name"])!, p => S(p["status"]?["podIP"])!);
        foreach (var (name, ip) in before) Assert.Equal(ip, after[name]);
        Assert.Equal(5, after.Values.Distinct().Count());
        Assert.Equal(5, second.Kubelet!.Addresses.Used("kind-worker"));
        Assert.Single(second.Events(survivor, "Started")); // re-adopted, not started again
        Assert.Equal(1, second.Events(survivor, "Started")[0]["count"]!.GetValue<int>());
    }
}
