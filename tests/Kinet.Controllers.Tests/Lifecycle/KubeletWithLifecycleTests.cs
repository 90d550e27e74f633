// The kubelet controller writing what the lifecycle agent reports, through the real API: kubectl's READY, STATUS and
// RESTARTS for a crash loop, readiness flipping the pod's Ready condition (which EndpointSlices follow), a completed
// pod, and graceful deletion stopping the containers before the pod goes.
using System.Text.Json.Nodes;
using Kinet.Controllers.Runtime;
using static Kinet.Controllers.Tests.Lifecycle.LifecycleRig;

namespace Kinet.Controllers.Tests.Lifecycle;

public class KubeletWithLifecycleTests
{
    private static string? S(JsonNode? n) => n?.GetValue<string>();

    private static string? Condition(JsonObject? pod, string type) =>
        S((pod?["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => S(c!["type"]) == type)?["status"]);

    [Fact]
    public async Task A_crash_looping_container_shows_in_kubectl_get_as_CrashLoopBackOff_with_its_restarts()
    {
        await using var c = await LifecycleCluster.StartAsync();
        await c.CreatePodAsync("Always", Container("app"), Container("web", image: "nginx"));
        await c.Eventually(() => c.Printed() == ("2/2", "Running", "0"), "running");

        c.Sandbox.Latest("app")!.Exit(1);
        await c.Eventually(() => c.Sandbox.Starts("app") == 2, "restarted at once");
        c.Sandbox.Latest("app")!.Exit(1);
        await c.Eventually(() => c.Printed().Status == "CrashLoopBackOff", "CrashLoopBackOff written");
        c.Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(("1/2", "CrashLoopBackOff", "1 (5s ago)"), c.Printed());
        var app = c.Pod!["status"]!["containerStatuses"]!.AsArray().Single(s => S(s!["name"]) == "app")!;
        Assert.Equal("Error", S(app["lastState"]!["terminated"]!["reason"]));
        Assert.Equal("False", Condition(c.Pod, "Ready"));
        Assert.Equal("Running", S(c.Pod!["status"]!["phase"]));
        await c.Eventually(() => c.EventMessages("BackOff").Count == 1, "the BackOff event written");
        Assert.Equal($"Back-off restarting failed container app in pod web_default({c.Uid})", c.EventMessages("BackOff")[0]);
        Assert.Contains("Started container app", c.EventMessages("Started"));

        await c.Clock.StepAsync(TimeSpan.FromSeconds(5), "the back-off");
        await c.Eventually(() => c.Printed() == ("2/2", "Running", "2 (10s ago)"), "running again, two restarts");
    }

    [Fact]
    public async Task A_failing_readiness_probe_takes_the_pod_out_of_Ready_and_back()
    {
        await using var c = await LifecycleCluster.StartAsync();
        c.Prober.Set(80, healthy: true);
        await c.CreatePodAsync("Always", Container("web", image: "nginx", readiness: HttpProbe(80, period: 10, failure: 1)));
        await c.Eventually(() => Condition(c.Pod, "Ready") == "True", "ready");

        c.Prober.Set(80, healthy: false);
        await c.Clock.StepAsync(TimeSpan.FromSeconds(10), "the period");
        await c.Eventually(() => Condition(c.Pod, "Ready") == "False", "unready");
        Assert.Equal("0/1", c.Printed().Ready);
        Assert.Equal("False", Condition(c.Pod, "ContainersReady"));
        await c.Eventually(() => c.EventMessages("Unhealthy").Contains("Readiness probe failed: HTTP probe failed with statuscode: 500"), "Unhealthy event");

        c.Prober.Set(80, healthy: true);
        await c.Clock.StepAsync(TimeSpan.FromSeconds(10), "the period");
        await c.Eventually(() => Condition(c.Pod, "Ready") == "True", "ready again");
        Assert.Equal(("1/1", "Running", "0"), c.Printed());
    }

    [Fact]
    public async Task A_pod_whose_containers_completed_is_Succeeded_and_its_sandbox_is_removed()
    {
        await using var c = await LifecycleCluster.StartAsync();
        await c.CreatePodAsync("Never", Container("job"));
        await c.Eventually(() => c.Runtime.Sandboxes.Count == 1 && c.Printed().Status == "Running", "running");
        var sandbox = c.Sandbox;

        sandbox.Latest("job")!.Exit(0);

        await c.Eventually(() => S(c.Pod!["status"]!["phase"]) == "Succeeded", "Succeeded");
        Assert.Equal(("0/1", "Completed", "0"), c.Printed());
        await c.Eventually(() => sandbox.Disposed, "the sandbox removed");
        Assert.Equal(0, c.Agent.RunningPods);
    }

    [Fact]
    public async Task Deleting_a_pod_stops_its_containers_with_the_grace_period_before_the_pod_goes()
    {
        await using var c = await LifecycleCluster.StartAsync();
        await c.CreatePodAsync("Always", Container("web", image: "nginx"));
        await c.Eventually(() => c.Printed().Status == "Running", "running");
        var sandbox = c.Sandbox;
        var container = sandbox.Latest("web")!;

        await c.Client.DeleteAsync(Resources.Pods, "default", "web", new Client.ObjectDeleteOptions(GracePeriodSeconds: 20), CancellationToken.None);

        await c.Eventually(() => c.Pod is null, "the pod gone");
        Assert.Equal(TimeSpan.FromSeconds(20), container.StoppedWithGrace);
        Assert.True(sandbox.Disposed);
        Assert.Equal(1, sandbox.Starts("web"));
    }
}
