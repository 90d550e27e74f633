// The lifecycle agent over the fake runtime and prober on a stepped clock, with what it reported: events, state-change
// notices, and the pod status and `kubectl get pods` columns that the kubelet controller would write from its state.
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kinet.Api.Resources;
using Kinet.Api.Tables;
using Kinet.Controllers.Nodes;
using Kinet.Controllers.Nodes.Lifecycle;
using Kinet.Model.Networking;

namespace Kinet.Controllers.Tests.Lifecycle;

internal sealed class LifecycleRig : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    public const string PodIP = "10.244.1.7";

    private int _changes;

    public LifecycleRig()
    {
        Clock = new SteppedClock(T0);
        Runtime = new FakeRuntime(Clock);
        Agent = new PodLifecycleAgent(Runtime, Prober, Clock, Events.Enqueue, Logs.Enqueue);
        Agent.PodStateChanged += _ => Interlocked.Increment(ref _changes);
    }

    public SteppedClock Clock { get; }
    public FakeRuntime Runtime { get; }
    public FakeProber Prober { get; } = new();
    public PodLifecycleAgent Agent { get; }
    public ConcurrentQueue<PodEvent> Events { get; } = new();
    public ConcurrentQueue<string> Logs { get; } = new();
    public int Changes => Volatile.Read(ref _changes);

    public static PodNetwork Network => new("kind-worker", [IP.Parse(PodIP)], [IP.Parse("172.18.0.3")], false);

    /// <summary>A pod named "web" (uid-web) with these containers and restartPolicy.</summary>
    public static JsonObject Pod(string restartPolicy, JsonObject[] containers, JsonObject[]? initContainers = null, long? grace = null)
    {
        var spec = new JsonObject { ["restartPolicy"] = restartPolicy, ["nodeName"] = "kind-worker", ["containers"] = new JsonArray(containers) };
        if (initContainers is not null) spec["initContainers"] = new JsonArray(initContainers);
        if (grace is { } g) spec["terminationGracePeriodSeconds"] = g;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "default", ["uid"] = "uid-web" },
            ["spec"] = spec,
            ["status"] = new JsonObject { ["phase"] = "Pending" },
        };
    }

    public static JsonObject Container(string name, string image = "busybox", JsonObject? readiness = null, JsonObject? liveness = null,
        JsonObject? startup = null, JsonArray? ports = null)
    {
        var c = new JsonObject { ["name"] = name, ["image"] = image };
        if (ports is not null) c["ports"] = ports;
        if (readiness is not null) c["readinessProbe"] = readiness;
        if (liveness is not null) c["livenessProbe"] = liveness;
        if (startup is not null) c["startupProbe"] = startup;
        return c;
    }

    /// <summary>An httpGet probe on <paramref name="port"/> with these timing fields.</summary>
    public static JsonObject HttpProbe(JsonNode port, int period = 10, int initialDelay = 0, int success = 1, int failure = 3, string path = "/healthz") => new()
    {
        ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = port, ["scheme"] = "HTTP" },
        ["initialDelaySeconds"] = initialDelay, ["timeoutSeconds"] = 1, ["periodSeconds"] = period,
        ["successThreshold"] = success, ["failureThreshold"] = failure,
    };

    public JsonObject Current { get; private set; } = new();

    public async Task<PodRunState> StartAsync(JsonObject pod)
    {
        Current = pod;
        return await Agent.StartPodAsync(pod, Network, CancellationToken.None);
    }

    public FakeSandbox Sandbox => Runtime.Sandboxes["uid-web"];

    public PodRunState State => Agent.GetPodState("uid-web") ?? throw new Xunit.Sdk.XunitException("the agent does not run the pod");

    public ContainerRunState Run(string name) =>
        State.Containers.Concat(State.InitContainers).Single(c => c.Name == name);

    /// <summary>The status the kubelet controller would write now (and keeps it, as the API would).</summary>
    public JsonObject Status()
    {
        var status = KubeletPodStatus.Build(Current, [IP.Parse("172.18.0.3")], [IP.Parse(PodIP)], Agent.GetPodState("uid-web"), Clock.GetUtcNow());
        Current = Current.DeepClone().AsObject();
        Current["status"] = status.DeepClone();
        return status;
    }

    /// <summary>READY, STATUS and RESTARTS as `kubectl get pods` prints them for the status written now.</summary>
    public (string Ready, string Status, string Restarts) Printed()
    {
        Status();
        return Print(Current, Clock.GetUtcNow());
    }

    public static (string Ready, string Status, string Restarts) Print(JsonObject pod, DateTimeOffset now)
    {
        var table = TableConverter.ToTable(ResourceRegistry.Get("", "pods"), [pod], new TableOptions(), now);
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        return (cells[1]!.GetValue<string>(), cells[2]!.GetValue<string>(), cells[3]!.GetValue<string>());
    }

    public IReadOnlyList<string> EventTexts(string reason) => Events.Where(e => e.Reason == reason).Select(e => e.Message).ToArray();

    public async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"never happened: {what}\n{string.Join('\n', Logs)}\nevents:\n{string.Join('\n', Events.Select(e => e.Reason + ": " + e.Message))}");
            await Task.Delay(5);
        }
    }

    public Task WaitFor(string container, Func<ContainerRunState, bool> condition, string what) =>
        Eventually(() => Agent.GetPodState("uid-web") is { } s && s.Containers.Concat(s.InitContainers).Any(c => c.Name == container && condition(c)), what);

    public async ValueTask DisposeAsync() => await Agent.StopPodAsync("uid-web", TimeSpan.Zero, CancellationToken.None);
}
