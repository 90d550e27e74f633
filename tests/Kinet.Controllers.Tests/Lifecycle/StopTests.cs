// Stopping a pod: every container is stopped at once with the grace period (SIGTERM, SIGKILL when it passes), then the
// sandbox is removed; nothing is probed or restarted after the stop began.
using Kinet.Controllers.Nodes.Lifecycle;
using static Kinet.Controllers.Tests.Lifecycle.LifecycleRig;

namespace Kinet.Controllers.Tests.Lifecycle;

public class StopTests
{
    [Fact]
    public async Task Stopping_a_pod_stops_its_containers_in_parallel_and_then_removes_the_sandbox()
    {
        await using var rig = new LifecycleRig();
        rig.Runtime.IgnoresSigterm["a"] = 0;
        rig.Runtime.IgnoresSigterm["b"] = 0;
        await rig.StartAsync(Pod("Always", [Container("a"), Container("b")]));
        var a = rig.Sandbox.Latest("a")!;
        var b = rig.Sandbox.Latest("b")!;

        var stop = rig.Agent.StopPodAsync("uid-web", TimeSpan.FromSeconds(30), CancellationToken.None);
        await rig.Eventually(() => a.StoppedWithGrace is not null && b.StoppedWithGrace is not null, "both got SIGTERM before either ended");
        Assert.False(stop.IsCompleted);
        Assert.False(rig.Sandbox.Disposed);

        await rig.Clock.StepAsync(TimeSpan.FromSeconds(30), "the grace period");
        await stop;

        Assert.Equal(137, (await a.Exited).ExitCode);
        Assert.Equal(137, (await b.Exited).ExitCode);
        Assert.True(rig.Sandbox.Disposed);
        Assert.Null(rig.Agent.GetPodState("uid-web"));
        Assert.Equal(0, rig.Agent.RunningPods);
    }

    [Fact]
    public async Task Nothing_is_restarted_or_probed_after_a_stop_began()
    {
        await using var rig = new LifecycleRig();
        rig.Prober.Set(8080, healthy: true);
        await rig.StartAsync(Pod("Always", [Container("app", readiness: HttpProbe(8080, period: 10))]));
        await rig.WaitFor("app", c => c.Ready, "ready");
        var changes = rig.Changes;
        var calls = rig.Prober.Calls.Count;

        await rig.Agent.StopPodAsync("uid-web", TimeSpan.FromSeconds(30), CancellationToken.None);
        rig.Clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(50);

        Assert.Equal(1, rig.Sandbox.Starts("app"));
        Assert.Equal(calls, rig.Prober.Calls.Count);
        Assert.Equal(changes, rig.Changes);
        Assert.Single(rig.EventTexts("Started"));
        Assert.Empty(rig.EventTexts("BackOff"));
    }

    [Fact]
    public async Task Stopping_a_pod_the_agent_does_not_run_does_nothing()
    {
        await using var rig = new LifecycleRig();
        await rig.Agent.StopPodAsync("unknown", TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(0, rig.Agent.RunningPods);
    }

    [Fact]
    public async Task Starting_a_pod_the_agent_runs_returns_its_state_without_starting_anything()
    {
        await using var rig = new LifecycleRig();
        var pod = Pod("Always", [Container("app")]);
        await rig.StartAsync(pod);

        var again = await rig.Agent.StartPodAsync(pod, Network, CancellationToken.None);

        Assert.Equal(1, rig.Sandbox.Starts("app"));
        Assert.Single(rig.Runtime.Sandboxes);
        Assert.True(again.SameAs(rig.State));
    }
}
