// The status the kubelet controller writes, built from a pod and the agent's report at fixed times: what a creating
// pod shows, what a running one shows, and that rebuilding later changes nothing while nothing changed.
using System.Text.Json.Nodes;
using Kinet.Controllers.Nodes;
using Kinet.Model.Networking;

namespace Kinet.Controllers.Tests.Nodes;

public class KubeletPodStatusTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly IP[] Host = [IP.Parse("172.18.0.3")];
    private static readonly IP[] PodIP = [IP.Parse("10.244.1.7")];

    private static JsonObject Pod(bool withInit = false)
    {
        var pod = PodTestCluster.Pod("web", nodeName: "kind-worker");
        pod["metadata"]!["uid"] = "uid-1";
        pod["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };
        if (withInit) pod["spec"]!["initContainers"] = new JsonArray(new JsonObject { ["name"] = "setup", ["image"] = "busybox" });
        return pod;
    }

    private static PodRunState Running(JsonObject pod, DateTimeOffset at) =>
        new SimulatedNodeAgent(new FixedClock(at)).StartPodAsync(pod, new PodNetwork("kind-worker", PodIP, Host, false), default).Result;

    private static string? S(JsonNode? n) => PodTestCluster.Str(n);

    private static JsonObject Condition(JsonObject status, string type) =>
        status["conditions"]!.AsArray().OfType<JsonObject>().Single(c => S(c["type"]) == type);

    [Fact]
    public void A_pod_without_a_sandbox_shows_ContainerCreating_and_no_address()
    {
        var status = KubeletPodStatus.Build(Pod(), Host, [], null, T0);

        Assert.Equal("Pending", S(status["phase"]));
        Assert.Equal("ContainerCreating", S(status["containerStatuses"]![0]!["state"]!["waiting"]!["reason"]));
        Assert.Equal("nginx", S(status["containerStatuses"]![0]!["image"]));
        Assert.Null(status["podIP"]);
        Assert.Equal("172.18.0.3", S(status["hostIP"]));
        Assert.Equal("False", S(Condition(status, "PodReadyToStartContainers")["status"]));
        Assert.Equal("ContainersNotReady", S(Condition(status, "Ready")["reason"]));
        Assert.Equal("containers with unready status: [nginx]", S(Condition(status, "Ready")["message"]));
        Assert.Equal("containers with unready status: [nginx]", S(Condition(status, "ContainersReady")["message"]));
        Assert.Equal("True", S(Condition(status, "Initialized")["status"]));
        Assert.Equal("BestEffort", S(status["qosClass"]));
        Assert.Equal("2026-11-26T10:00:00Z", S(status["startTime"]));
    }

    [Fact]
    public void Completed_init_containers_are_reported_terminated_and_ready()
    {
        var pod = Pod(withInit: true);
        var status = KubeletPodStatus.Build(pod, Host, PodIP, Running(pod, T0), T0);

        var init = status["initContainerStatuses"]![0]!;
        Assert.Equal("Completed", S(init["state"]!["terminated"]!["reason"]));
        Assert.Equal(0, init["state"]!["terminated"]!["exitCode"]!.GetValue<int>());
        Assert.True(init["ready"]!.GetValue<bool>());
        Assert.False(init["started"]!.GetValue<bool>());
        Assert.Equal("Running", S(status["phase"]));
        Assert.Equal("True", S(Condition(status, "Initialized")["status"]));
    }

    [Fact]
    public void Rebuilding_a_running_pods_status_later_keeps_its_times_so_nothing_is_written()
    {
        var pod = Pod();
        pod["status"] = KubeletPodStatus.Build(pod, Host, PodIP, Running(pod, T0), T0);
        var later = T0.AddMinutes(5);

        var again = KubeletPodStatus.Build(pod, Host, PodIP, Running(pod, later), later);

        Assert.True(JsonNode.DeepEquals(pod["status"], again), again.ToJsonString());
        Assert.Equal("2026-11-26T10:00:00Z", S(Condition(again, "Ready")["lastTransitionTime"]));
        Assert.Equal("2026-11-26T10:00:00Z", S(again["containerStatuses"]![0]!["state"]!["running"]!["startedAt"]));
    }

    [Fact]
    public void A_condition_that_changes_status_gets_a_new_transition_time()
    {
        var pod = Pod();
        pod["status"] = KubeletPodStatus.Build(pod, Host, [], null, T0);
        var later = T0.AddSeconds(30);

        var running = KubeletPodStatus.Build(pod, Host, PodIP, Running(pod, later), later);

        Assert.Equal("2026-11-26T10:00:30Z", S(Condition(running, "Ready")["lastTransitionTime"]));
        Assert.Equal("2026-11-26T10:00:00Z", S(Condition(running, "PodScheduled")["lastTransitionTime"]));
        Assert.Equal("2026-11-26T10:00:00Z", S(running["startTime"]));
        Assert.Equal("10.244.1.7", S(running["podIP"]));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
