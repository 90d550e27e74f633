// Starting a pod's containers: regular containers at once with the kubelet's events, init containers one at a time in
// order, each to success; a failed init container fails a pod that never restarts and is retried with back-off
// otherwise; a sandbox that cannot be made leaves nothing behind.
using Kinet.Controllers.Nodes;
using static Kinet.Controllers.Tests.Lifecycle.LifecycleRig;

namespace Kinet.Controllers.Tests.Lifecycle;

public class ContainerStartTests
{
    private static string? S(System.Text.Json.Nodes.JsonNode? n) => n?.GetValue<string>();

    [Fact]
    public async Task Containers_of_a_pod_without_init_containers_all_start_at_once_and_are_ready()
    {
        await using var rig = new LifecycleRig();

        var state = await rig.StartAsync(Pod("Always", [Container("app"), Container("sidecar", image: "nginx")]));

        Assert.All(state.Containers, c => Assert.Equal(ContainerPhase.Running, c.Phase));
        Assert.All(state.Containers, c => Assert.True(c.Ready));
        Assert.True(state.RecordsContainerEvents);
        Assert.Equal("docker.io/library/nginx:latest", rig.Run("sidecar").Image);
        Assert.Equal(rig.Sandbox.Latest("app")!.Id, rig.Run("app").ContainerId);
        Assert.Equal(
            ["Pulled: Container image \"busybox\" already present on machine", "Created: Created container: app", "Started: Started container app",
             "Pulled: Container image \"nginx\" already present on machine", "Created: Created container: sidecar", "Started: Started container sidecar"],
            rig.Events.Select(e => $"{e.Reason}: {e.Message}"));
        Assert.All(rig.Events, e => Assert.Equal("kind-worker", e.NodeName));
        Assert.Equal(("2/2", "Running", "0"), rig.Printed());
    }

    [Fact]
    public async Task Init_containers_run_one_at_a_time_in_order_each_to_success_before_the_containers()
    {
        await using var rig = new LifecycleRig();
        await rig.StartAsync(Pod("Always", [Container("app")], [Container("first"), Container("second")]));

        Assert.Equal(ContainerPhase.Running, rig.Run("first").Phase);
        Assert.Equal(0, rig.Sandbox.Starts("second"));
        Assert.Equal(0, rig.Sandbox.Starts("app"));
        Assert.Equal(("0/1", "Init:0/2", "0"), rig.Printed());
        Assert.Equal("PodInitializing", S(rig.Status()["containerStatuses"]![0]!["state"]!["waiting"]!["reason"]));

        rig.Sandbox.Latest("first")!.Exit(0);
        await rig.WaitFor("second", c => c.Phase == ContainerPhase.Running, "second init container runs");
        Assert.Equal(0, rig.Sandbox.Starts("app"));
        Assert.Equal(("0/1", "Init:1/2", "0"), rig.Printed());

        rig.Sandbox.Latest("second")!.Exit(0);
        await rig.WaitFor("app", c => c.Phase == ContainerPhase.Running, "app runs");
        var status = rig.Status();
        Assert.Equal("Running", S(status["phase"]));
        Assert.Equal("True", S(status["conditions"]!.AsArray().Single(c => S(c!["type"]) == "Initialized")!["status"]));
        Assert.Equal("Completed", S(status["initContainerStatuses"]![1]!["state"]!["terminated"]!["reason"]));
        Assert.Equal(("1/1", "Running", "0"), rig.Printed());
    }

    [Fact]
    public async Task A_failed_init_container_fails_a_pod_that_never_restarts()
    {
        await using var rig = new LifecycleRig();
        await rig.StartAsync(Pod("Never", [Container("app")], [Container("setup")]));

        rig.Sandbox.Latest("setup")!.Exit(2);
        await rig.WaitFor("setup", c => c.Phase == ContainerPhase.Exited, "setup ended");

        var status = rig.Status();
        Assert.Equal("Failed", S(status["phase"]));
        Assert.Equal(2, status["initContainerStatuses"]![0]!["state"]!["terminated"]!["exitCode"]!.GetValue<int>());
        Assert.Equal(1, rig.Sandbox.Starts("setup"));
        Assert.Equal(0, rig.Sandbox.Starts("app"));
        Assert.Equal("Init:Error", rig.Printed().Status);
    }

    [Fact]
    public async Task A_failed_init_container_is_restarted_with_back_off_when_the_pod_restarts()
    {
        await using var rig = new LifecycleRig();
        await rig.StartAsync(Pod("OnFailure", [Container("app")], [Container("setup")]));

        rig.Sandbox.Latest("setup")!.Exit(1);
        await rig.Eventually(() => rig.Sandbox.Starts("setup") == 2, "the first failure restarts at once");
        rig.Sandbox.Latest("setup")!.Exit(1);
        await rig.WaitFor("setup", c => c.Reason == "CrashLoopBackOff", "the second waits");

        Assert.Equal("back-off 10s restarting failed container=setup pod=web_default(uid-web)", rig.Run("setup").Message);
        Assert.Equal("Pending", S(rig.Status()["phase"]));
        Assert.Equal(("0/1", "Init:CrashLoopBackOff", "1 (0s ago)"), rig.Printed());

        await rig.Clock.StepAsync(TimeSpan.FromSeconds(10), "the back-off");
        await rig.Eventually(() => rig.Sandbox.Starts("setup") == 3, "restarted after the back-off");
        rig.Sandbox.Latest("setup")!.Exit(0);
        await rig.WaitFor("app", c => c.Phase == ContainerPhase.Running, "app runs once setup succeeded");
        Assert.Equal(2, rig.Run("setup").RestartCount);
    }

    [Fact]
    public async Task A_sandbox_that_cannot_be_made_fails_the_start_and_leaves_nothing_running()
    {
        var rig = new LifecycleRig();
        rig.Runtime.SandboxError = "no netns";

        var e = await Assert.ThrowsAsync<PodStartException>(() => rig.StartAsync(Pod("Always", [Container("app")])));

        Assert.Equal("no netns", e.Message);
        Assert.Null(rig.Agent.GetPodState("uid-web"));
        Assert.Equal(0, rig.Agent.RunningPods);
    }

    [Fact]
    public async Task A_sidecar_starts_in_init_order_keeps_running_beside_the_containers_and_always_restarts()
    {
        await using var rig = new LifecycleRig();
        var sidecar = Container("proxy", startup: HttpProbe(15000, period: 5));
        sidecar["restartPolicy"] = "Always";
        await rig.StartAsync(Pod("Never", [Container("app")], [Container("setup"), sidecar, Container("migrate")]));

        rig.Sandbox.Latest("setup")!.Exit(0);
        await rig.WaitFor("proxy", c => c.Phase == ContainerPhase.Running, "the sidecar runs");
        Assert.Equal(0, rig.Sandbox.Starts("migrate")); // not before the sidecar has started
        Assert.Equal(("0/2", "Init:1/3", "0"), rig.Printed());

        await rig.Eventually(() => rig.Prober.CallsTo(15000) == 1, "the first startup probe failed");
        rig.Prober.Set(15000, healthy: true);
        await rig.Clock.StepAsync(TimeSpan.FromSeconds(5), "the startup period");
        await rig.WaitFor("migrate", c => c.Phase == ContainerPhase.Running, "the next init container runs once the sidecar started");
        rig.Sandbox.Latest("migrate")!.Exit(0);
        await rig.WaitFor("app", c => c.Phase == ContainerPhase.Running, "app runs");
        Assert.Equal(("2/2", "Running", "0"), rig.Printed());
        Assert.Equal("True", S(rig.Status()["conditions"]!.AsArray().Single(c => S(c!["type"]) == "ContainersReady")!["status"]));

        rig.Sandbox.Latest("proxy")!.Exit(0);
        await rig.Eventually(() => rig.Sandbox.Starts("proxy") == 2, "the sidecar restarts although the pod never restarts");
        Assert.Equal("Running", S(rig.Status()["phase"]));
    }
}
