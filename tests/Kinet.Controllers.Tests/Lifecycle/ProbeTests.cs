// Probes as the kubelet's prober workers run them: after initialDelaySeconds, every periodSeconds, counted against
// successThreshold and failureThreshold; readiness drives the container's ready flag; the startup probe holds liveness
// and readiness back until it passes and restarts the container when it fails; a failed liveness probe kills the
// container with the pod's grace period and restarts it, with the kubelet's Unhealthy and Killing events.
using System.Text.Json.Nodes;
using Kinet.Controllers.Nodes;
using Kinet.Controllers.Nodes.Lifecycle;
using static Kinet.Controllers.Tests.Lifecycle.LifecycleRig;

namespace Kinet.Controllers.Tests.Lifecycle;

public class ProbeTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static string? S(JsonNode? n) => n?.GetValue<string>();

    private static string ReadyCondition(JsonObject status) =>
        S(status["conditions"]!.AsArray().Single(c => S(c!["type"]) == "Ready")!["status"])!;

    [Fact]
    public async Task A_readiness_probe_makes_the_container_ready_after_its_initial_delay_and_unready_after_its_failure_threshold()
    {
        await using var rig = new LifecycleRig();
        rig.Prober.Set(8080, healthy: true);
        await rig.StartAsync(Pod("Always", [Container("app", readiness: HttpProbe(8080, period: 10, initialDelay: 5))]));

        Assert.False(rig.Run("app").Ready);
        Assert.True(rig.Run("app").Started);
        Assert.Equal(("0/1", "Running", "0"), rig.Printed());
        Assert.Equal("False", ReadyCondition(rig.Status()));
        rig.Clock.Advance(4 * Second);
        Assert.Equal(0, rig.Prober.CallsTo(8080));

        var changes = rig.Changes;
        await rig.Clock.StepAsync(Second, "the initial delay");
        await rig.WaitFor("app", c => c.Ready, "ready after the first success");
        Assert.True(rig.Changes > changes);
        Assert.Equal(("1/1", "Running", "0"), rig.Printed());
        Assert.Equal("True", ReadyCondition(rig.Status()));

        rig.Prober.Set(8080, healthy: false);
        for (var failures = 1; failures <= 2; failures++)
        {
            await rig.Clock.StepAsync(10 * Second, "the period");
            await rig.Eventually(() => rig.EventTexts("Unhealthy").Count == failures, $"failure {failures} seen");
            Assert.True(rig.Run("app").Ready);
        }
        await rig.Clock.StepAsync(10 * Second, "the period");
        await rig.WaitFor("app", c => !c.Ready, "unready after the third failure");
        Assert.All(rig.EventTexts("Unhealthy"), m => Assert.Equal("Readiness probe failed: HTTP probe failed with statuscode: 500", m));
        Assert.Equal("False", ReadyCondition(rig.Status()));
        Assert.Equal(ContainerPhase.Running, rig.Run("app").Phase); // readiness never restarts
    }

    [Fact]
    public async Task A_success_threshold_of_two_needs_two_successes_in_a_row()
    {
        await using var rig = new LifecycleRig();
        rig.Prober.Set(8080, healthy: true);
        await rig.StartAsync(Pod("Always", [Container("app", readiness: HttpProbe(8080, period: 10, success: 2))]));

        await rig.Eventually(() => rig.Prober.CallsTo(8080) == 1, "first probe");
        Assert.False(rig.Run("app").Ready);
        await rig.Clock.StepAsync(10 * Second, "the period");
        await rig.WaitFor("app", c => c.Ready, "ready after the second success");
    }

    [Fact]
    public async Task The_startup_probe_holds_liveness_and_readiness_back_and_readiness_runs_as_soon_as_it_passes()
    {
        await using var rig = new LifecycleRig();
        var startup = HttpProbe(9000, period: 5, failure: 10);
        await rig.StartAsync(Pod("Always",
            [Container("app", startup: startup, liveness: HttpProbe(8080, period: 10), readiness: HttpProbe(8081, period: 10))]));
        rig.Prober.Set(8080, healthy: true);
        rig.Prober.Set(8081, healthy: true);

        await rig.Eventually(() => rig.Prober.CallsTo(9000) == 1, "the first startup probe");
        for (var i = 2; i <= 4; i++)
        {
            await rig.Clock.StepAsync(5 * Second, "the startup period");
            await rig.Eventually(() => rig.Prober.CallsTo(9000) == i, $"startup probe {i}");
        }
        Assert.False(rig.Run("app").Started);
        Assert.False(rig.Run("app").Ready);
        Assert.False(rig.Status()["containerStatuses"]![0]!["started"]!.GetValue<bool>());
        Assert.Equal(0, rig.Prober.CallsTo(8080));
        Assert.Equal(0, rig.Prober.CallsTo(8081));

        rig.Prober.Set(9000, healthy: true);
        await rig.Clock.StepAsync(5 * Second, "the startup period");
        await rig.WaitFor("app", c => c.Started == true && c.Ready, "started, and ready without waiting for a readiness period");
        Assert.True(rig.Status()["containerStatuses"]![0]!["started"]!.GetValue<bool>());
        var startupCalls = rig.Prober.CallsTo(9000);
        await rig.Clock.StepAsync(10 * Second, "the liveness period");
        await rig.Eventually(() => rig.Prober.CallsTo(8080) >= 1, "liveness probes once started");
        Assert.Equal(startupCalls, rig.Prober.CallsTo(9000)); // a passed startup probe is not run again
    }

    [Fact]
    public async Task A_startup_probe_failing_past_its_threshold_restarts_the_container()
    {
        await using var rig = new LifecycleRig();
        await rig.StartAsync(Pod("Always", [Container("app", startup: HttpProbe(9000, period: 5, failure: 2))]));

        await rig.Eventually(() => rig.Prober.CallsTo(9000) == 1, "first startup probe");
        await rig.Clock.StepAsync(5 * Second, "the startup period");
        await rig.Eventually(() => rig.Sandbox.Starts("app") == 2, "restarted");

        Assert.Equal(["Container app failed startup probe, will be restarted"], rig.EventTexts("Killing"));
        Assert.Contains("Startup probe failed: dial tcp 10.244.1.7:9000: connect: connection refused", rig.EventTexts("Unhealthy"));
    }

    [Fact]
    public async Task A_failed_liveness_probe_kills_the_container_with_the_pods_grace_period_and_restarts_it()
    {
        await using var rig = new LifecycleRig();
        rig.Prober.Set(8080, healthy: false);
        await rig.StartAsync(Pod("Always", [Container("app", liveness: HttpProbe(8080, period: 10))], grace: 45));
        var first = rig.Sandbox.Latest("app")!;

        await rig.Eventually(() => rig.Prober.CallsTo(8080) == 1, "first liveness probe");
        await rig.Clock.StepAsync(10 * Second, "period");
        await rig.Eventually(() => rig.Prober.CallsTo(8080) == 2, "second liveness probe");
        Assert.Null(first.StoppedWithGrace);
        await rig.Clock.StepAsync(10 * Second, "period");
        await rig.Eventually(() => rig.Sandbox.Starts("app") == 2, "restarted after the third failure");

        Assert.Equal(TimeSpan.FromSeconds(45), first.StoppedWithGrace);
        Assert.True(rig.EventTexts("Unhealthy").Count >= 3); // the new container is probed (and fails) at once too
        Assert.All(rig.EventTexts("Unhealthy"), m => Assert.Equal("Liveness probe failed: HTTP probe failed with statuscode: 500", m));
        Assert.Equal(["Container app failed liveness probe, will be restarted"], rig.EventTexts("Killing"));
        await rig.WaitFor("app", c => c.RestartCount == 1 && c.Phase == ContainerPhase.Running, "running again");
        Assert.Equal(143, rig.Run("app").LastTermination!.ExitCode);
        Assert.Equal(first.Id, rig.Run("app").LastTermination!.ContainerId);
        Assert.Equal(["Started container app", "Started container app"], rig.EventTexts("Started"));
    }

    [Fact]
    public async Task A_liveness_failure_in_a_pod_that_never_restarts_kills_the_container_for_good()
    {
        await using var rig = new LifecycleRig();
        await rig.StartAsync(Pod("Never", [Container("app", liveness: HttpProbe(8080, period: 10, failure: 1))]));

        await rig.WaitFor("app", c => c.Phase == ContainerPhase.Exited, "killed");

        Assert.Equal(["Container app failed liveness probe"], rig.EventTexts("Killing"));
        Assert.Equal(1, rig.Sandbox.Starts("app"));
        Assert.Equal("Failed", S(rig.Status()["phase"]));
    }

    [Fact]
    public async Task A_probes_own_termination_grace_period_overrides_the_pods()
    {
        await using var rig = new LifecycleRig();
        var liveness = HttpProbe(8080, failure: 1);
        liveness["terminationGracePeriodSeconds"] = 5;
        await rig.StartAsync(Pod("Always", [Container("app", liveness: liveness)], grace: 45));
        var first = rig.Sandbox.Latest("app")!;

        await rig.Eventually(() => rig.Sandbox.Starts("app") == 2, "restarted");

        Assert.Equal(TimeSpan.FromSeconds(5), first.StoppedWithGrace);
    }

    [Fact]
    public async Task Exec_probes_run_the_command_in_the_container_and_quote_its_output()
    {
        await using var rig = new LifecycleRig();
        rig.Runtime.Exec = (_, command, _) => command[^1] == "/tmp/slow"
            ? new ExecProbeResult(-1, "", TimedOut: true)
            : new ExecProbeResult(1, "cat: can't open '/tmp/ready': No such file or directory");
        JsonObject Exec(string file) => new() { ["exec"] = new JsonObject { ["command"] = new JsonArray("cat", file) }, ["periodSeconds"] = 10 };
        await rig.StartAsync(Pod("Always", [Container("app", readiness: Exec("/tmp/ready")), Container("slow", readiness: Exec("/tmp/slow"))]));

        await rig.Eventually(() => rig.EventTexts("Unhealthy").Count == 2, "both probes failed once");

        Assert.Contains(("app", "cat /tmp/ready"), rig.Sandbox.Execs);
        Assert.Contains("Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory", rig.EventTexts("Unhealthy"));
        Assert.Contains("Readiness probe failed: command \"cat /tmp/slow\" timed out", rig.EventTexts("Unhealthy"));
        Assert.False(rig.Run("app").Ready);
    }

    [Fact]
    public async Task An_http_probe_goes_to_the_pod_IP_on_the_named_container_port_with_its_path_and_headers()
    {
        await using var rig = new LifecycleRig();
        var probe = HttpProbe("http-metrics", path: "/ready");
        probe["httpGet"]!["httpHeaders"] = new JsonArray(new JsonObject { ["name"] = "X-Probe", ["value"] = "yes" });
        var ports = new JsonArray(new JsonObject { ["name"] = "http-metrics", ["containerPort"] = 9100, ["protocol"] = "TCP" });
        rig.Prober.Set(9100, healthy: true);
        await rig.StartAsync(Pod("Always", [Container("app", readiness: probe, ports: ports)]));

        await rig.WaitFor("app", c => c.Ready, "ready");

        var target = rig.Prober.HttpTargets.First();
        Assert.Equal("http://10.244.1.7:9100/ready", target.Url);
        Assert.Equal([new KeyValuePair<string, string>("X-Probe", "yes")], target.Headers);
    }

    [Fact]
    public async Task A_probe_on_a_port_name_the_container_does_not_have_errors_without_changing_readiness()
    {
        await using var rig = new LifecycleRig();
        await rig.StartAsync(Pod("Always", [Container("app", readiness: HttpProbe("metrics"))]));

        await rig.Eventually(() => rig.EventTexts("Unhealthy").Count == 1, "the probe errored");

        Assert.Equal(["Readiness probe errored and resulted in unknown state: strconv.Atoi: parsing \"metrics\": invalid syntax"], rig.EventTexts("Unhealthy"));
        Assert.False(rig.Run("app").Ready);
        Assert.Empty(rig.Prober.Calls);
    }

    [Fact]
    public async Task A_tcp_probe_connects_to_the_pod_IP()
    {
        await using var rig = new LifecycleRig();
        rig.Prober.Set(5432, healthy: true);
        var probe = new JsonObject { ["tcpSocket"] = new JsonObject { ["port"] = 5432 }, ["periodSeconds"] = 10 };
        await rig.StartAsync(Pod("Always", [Container("db", readiness: probe)]));

        await rig.WaitFor("db", c => c.Ready, "ready");

        Assert.Equal(["tcp 10.244.1.7:5432"], rig.Prober.Calls);
    }
}
