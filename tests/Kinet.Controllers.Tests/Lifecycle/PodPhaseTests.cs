// The pod phase and conditions the kubelet derives from container statuses (getPhase, the status generators), as a
// table: one row per situation kubectl users meet.
using System.Text.Json.Nodes;
using Kinet.Controllers.Nodes.Lifecycle;

namespace Kinet.Controllers.Tests.Lifecycle;

public class PodPhaseTests
{
    private static JsonObject Running => new() { ["running"] = new JsonObject { ["startedAt"] = "2026-11-26T10:00:00Z" } };
    private static JsonObject Waiting => new() { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff" } };
    private static JsonObject Ended(int code) => new() { ["terminated"] = new JsonObject { ["exitCode"] = code } };

    private static JsonObject Status(string name, JsonObject state, JsonObject? last = null) => new()
    {
        ["name"] = name, ["state"] = state, ["lastState"] = last ?? new JsonObject(),
    };

    public static TheoryData<string, string, string?, string> Cases => new()
    {
        // restartPolicy, container state, init state (null: no init container), phase
        { "Always", "running", null, "Running" },
        { "Always", "waiting", null, "Pending" },
        { "Always", "crashloop", null, "Running" },
        { "Always", "ended0", null, "Running" },
        { "OnFailure", "ended0", null, "Succeeded" },
        { "OnFailure", "ended1", null, "Running" },
        { "Never", "ended0", null, "Succeeded" },
        { "Never", "ended1", null, "Failed" },
        { "Always", "waiting", "running", "Pending" },
        { "Never", "waiting", "ended1", "Failed" },
        { "Always", "waiting", "crashloop", "Pending" },
        { "Always", "running", "ended0", "Running" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_phase_follows_the_container_states_and_the_restart_policy(string policy, string container, string? init, string phase)
    {
        JsonObject State(string s) => s switch
        {
            "running" => Status("c", Running),
            "waiting" => Status("c", new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "PodInitializing" } }),
            "crashloop" => Status("c", Waiting, Ended(1)),
            "ended0" => Status("c", Ended(0)),
            _ => Status("c", Ended(1)),
        };
        var pod = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["restartPolicy"] = policy,
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "c" }),
            },
        };
        if (init is not null) pod["spec"]!["initContainers"] = new JsonArray(new JsonObject { ["name"] = "c" });

        var computed = PodPhases.Compute(pod, init is null ? [] : [State(init)], [State(container)]);

        Assert.Equal(phase, computed);
    }

    [Theory]
    [InlineData(10, "10s")]
    [InlineData(80, "1m20s")]
    [InlineData(300, "5m0s")]
    [InlineData(3725, "1h2m5s")]
    [InlineData(0, "0s")]
    public void Durations_print_as_Go_prints_them(int seconds, string text) =>
        Assert.Equal(text, GoDuration.Format(TimeSpan.FromSeconds(seconds)));
}
