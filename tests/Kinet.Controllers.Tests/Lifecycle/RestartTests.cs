// What happens when a container ends: the restartPolicy decides whether it restarts; restarts go through the kubelet's
// CrashLoopBackOff (10 s doubling to 5 min, forgotten after 10 minutes of running); the status shows the waiting
// reason, the ended container as lastState and the restart count; the phase follows as the kubelet computes it.
using Kinet.Controllers.Nodes;
using Kinet.Controllers.Nodes.Lifecycle;
using static Kinet.Controllers.Tests.Lifecycle.LifecycleRig;

namespace Kinet.Controllers.Tests.Lifecycle;

public class RestartTests
{
    private static string? S(System.Text.Json.Nodes.JsonNode? n) => n?.GetValue<string>();

    [Theory]
    [InlineData("Always", 0, true, "Running")]
    [InlineData("Always", 1, true, "Running")]
    [InlineData("OnFailure", 0, false, "Succeeded")]
    [InlineData("OnFailure", 1, true, "Running")]
    [InlineData("Never", 0, false, "Succeeded")]
    [InlineData("Never", 1, false, "Failed")]
    public async Task The_restart_policy_decides_whether_an_ended_container_restarts(string policy, int exitCode, bool restarts, string phase)
    {
        await using var rig = new LifecycleRig();
        await rig.StartAsync(Pod(policy, [Container("app")]));

        rig.Sandbox.Latest("app")!.Exit(exitCode);
        await rig.WaitFor("app", c => c.Phase != ContainerPhase.Running || c.RestartCount == 1, "app ended or restarted");

        Assert.Equal(restarts ? 2 : 1, rig.Sandbox.Starts("app"));
        Assert.Equal(phase, S(rig.Status()["phase"]));
        if (!restarts)
        {
            var terminated = rig.Status()["containerStatuses"]![0]!["state"]!["terminated"]!;
            Assert.Equal(exitCode, terminated["exitCode"]!.GetValue<int>());
            Assert.Equal(exitCode == 0 ? "Completed" : "Error", S(terminated["reason"]));
            Assert.Equal(exitCode == 0 ? "Completed" : "Error", rig.Printed().Status);
        }
    }

    [Fact]
    public async Task A_crashing_container_waits_ten_seconds_doubling_to_five_minutes_between_restarts()
    {
        await using var rig = new LifecycleRig();
        await rig.StartAsync(Pod("Always", [Container("app")]));
        rig.Sandbox.Latest("app")!.Exit(1);
        await rig.Eventually(() => rig.Sandbox.Starts("app") == 2, "the first crash restarts at once");

        string[] expected = ["10s", "20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s"];
        for (var i = 0; i < expected.Length; i++)
        {
            var starts = rig.Sandbox.Starts("app");
            rig.Sandbox.Latest("app")!.Exit(1);
            await rig.WaitFor("app", c => c.Reason == "CrashLoopBackOff" && c.RestartCount == starts - 1, $"back-off {expected[i]}");
            Assert.Equal($"back-off {expected[i]} restarting failed container=app pod=web_default(uid-web)", rig.Run("app").Message);

            var delay = TimeSpan.FromSeconds(Math.Min(300, 10 << i));
            rig.Clock.Advance(delay - TimeSpan.FromSeconds(1));
            Assert.Equal(starts, rig.Sandbox.Starts("app")); // not before the back-off ends
            await rig.Clock.StepAsync(TimeSpan.FromSeconds(1), "the end of the back-off");
            await rig.Eventually(() => rig.Sandbox.Starts("app") == starts + 1, $"restarted after {expected[i]}");
        }
        Assert.Equal(8, rig.Run("app").RestartCount);
        Assert.Contains("Back-off restarting failed container app in pod web_default(uid-web)", rig.EventTexts("BackOff"));
    }

    [Fact]
    public async Task A_waiting_container_shows_the_crash_as_its_last_state_and_kubectl_shows_CrashLoopBackOff()
    {
        await using var rig = new LifecycleRig();
        await rig.StartAsync(Pod("Always", [Container("app"), Container("web", image: "nginx")]));
        rig.Sandbox.Latest("app")!.Exit(1);
        await rig.Eventually(() => rig.Sandbox.Starts("app") == 2, "restarted once");
        rig.Clock.Advance(TimeSpan.FromSeconds(3));
        var crashed = rig.Sandbox.Latest("app")!;
        crashed.Exit(3);
        await rig.WaitFor("app", c => c.Reason == "CrashLoopBackOff", "waiting");
        rig.Clock.Advance(TimeSpan.FromSeconds(5));

        var status = rig.Status()["containerStatuses"]![0]!;
        Assert.Equal("CrashLoopBackOff", S(status["state"]!["waiting"]!["reason"]));
        Assert.Equal("back-off 10s restarting failed container=app pod=web_default(uid-web)", S(status["state"]!["waiting"]!["message"]));
        var last = status["lastState"]!["terminated"]!;
        Assert.Equal(3, last["exitCode"]!.GetValue<int>());
        Assert.Equal("Error", S(last["reason"]));
        Assert.Equal(crashed.Id, S(last["containerID"]));
        Assert.Equal("2026-11-26T10:00:03Z", S(last["finishedAt"]));
        Assert.Equal(crashed.Id, S(status["containerID"]));
        Assert.False(status["ready"]!.GetValue<bool>());
        Assert.False(status["started"]!.GetValue<bool>());
        Assert.Equal(1, status["restartCount"]!.GetValue<int>());
        Assert.Equal("Running", S(rig.Status()["phase"]));
        Assert.Equal(("1/2", "CrashLoopBackOff", "1 (5s ago)"), rig.Printed());
    }

    [Fact]
    public async Task A_container_that_ran_ten_minutes_starts_its_back_off_again_from_the_beginning()
    {
        await using var rig = new LifecycleRig();
        await rig.StartAsync(Pod("Always", [Container("app")]));
        rig.Sandbox.Latest("app")!.Exit(1);
        await rig.Eventually(() => rig.Sandbox.Starts("app") == 2, "first restart");
        rig.Sandbox.Latest("app")!.Exit(1);
        await rig.WaitFor("app", c => c.Reason == "CrashLoopBackOff", "back-off 10s");
        await rig.Clock.StepAsync(TimeSpan.FromSeconds(10));
        await rig.Eventually(() => rig.Sandbox.Starts("app") == 3, "second restart");

        rig.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        rig.Sandbox.Latest("app")!.Exit(1);

        await rig.Eventually(() => rig.Sandbox.Starts("app") == 4, "restarted at once: the back-off was forgotten");
        rig.Sandbox.Latest("app")!.Exit(1);
        await rig.WaitFor("app", c => c.Reason == "CrashLoopBackOff", "the next crash waits");
        Assert.StartsWith("back-off 10s ", rig.Run("app").Message);
    }

    [Fact]
    public async Task A_container_whose_configuration_cannot_be_made_waits_with_the_reason_and_is_retried()
    {
        await using var rig = new LifecycleRig();
        rig.Runtime.StartFailures["app"] = new ContainerStartException(ContainerStartException.CreateContainerConfigError, "configmap \"settings\" not found");
        await rig.StartAsync(Pod("Always", [Container("app")]));

        var waiting = rig.Status()["containerStatuses"]![0]!["state"]!["waiting"]!;
        Assert.Equal("CreateContainerConfigError", S(waiting["reason"]));
        Assert.Equal("configmap \"settings\" not found", S(waiting["message"]));
        Assert.Equal(["Error: configmap \"settings\" not found"], rig.EventTexts("Failed"));
        Assert.Equal(("0/1", "CreateContainerConfigError", "0"), rig.Printed());

        rig.Runtime.StartFailures.Clear();
        await rig.Clock.StepAsync(TimeSpan.FromSeconds(10), "the retry");
        await rig.WaitFor("app", c => c.Phase == ContainerPhase.Running, "started once the ConfigMap exists");
        Assert.Equal(0, rig.Run("app").RestartCount);
    }

    [Fact]
    public async Task A_program_that_fails_to_start_shows_StartError_and_then_crash_loops()
    {
        await using var rig = new LifecycleRig();
        const string error = "failed to create containerd task: exec: \"nope\": executable file not found in $PATH: unknown";
        rig.Runtime.StartFailures["app"] = new ContainerStartException(ContainerStartException.StartError, error);

        await rig.StartAsync(Pod("Always", [Container("app")]));
        await rig.WaitFor("app", c => c.Reason == "CrashLoopBackOff", "crash loop");

        var status = rig.Status()["containerStatuses"]![0]!;
        var last = status["lastState"]!["terminated"]!;
        Assert.Equal(128, last["exitCode"]!.GetValue<int>());
        Assert.Equal("StartError", S(last["reason"]));
        Assert.Equal(error, S(last["message"]));
        Assert.Equal("1970-01-01T00:00:00Z", S(last["startedAt"]));
        Assert.Equal(1, status["restartCount"]!.GetValue<int>());
        Assert.Contains($"Error: {error}", rig.EventTexts("Failed"));
        Assert.Equal("CrashLoopBackOff", rig.Printed().Status);
    }

    [Fact]
    public async Task A_program_that_failed_to_start_shows_RunContainerError_until_the_next_try()
    {
        await using var rig = new LifecycleRig();
        rig.Runtime.StartFailures["app"] = new ContainerStartException(ContainerStartException.StartError, "exec: \"nope\": not found");
        var state = await rig.StartAsync(Pod("Always", [Container("app")]));

        var app = state.Containers.Single();
        Assert.Equal(ContainerPhase.Waiting, app.Phase);
        Assert.Equal("RunContainerError", app.Reason);
        Assert.Equal("StartError", app.LastTermination!.Reason);
    }
}
