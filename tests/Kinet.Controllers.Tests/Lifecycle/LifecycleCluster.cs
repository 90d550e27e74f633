// The kubelet controller with the lifecycle agent (fake runtime and prober, agent time on a stepped clock) against the
// real API registry: what the kubelet writes for the agent's states is what `kubectl get/describe` reads.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Nodes;
using Kinet.Controllers.Nodes.Lifecycle;
using Kinet.Controllers.Runtime;
using Kinet.Controllers.Tests.Nodes;
using Kinet.Controllers.Tests.Support;

namespace Kinet.Controllers.Tests.Lifecycle;

internal sealed class LifecycleCluster : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new(TimeSpan.FromMinutes(2));
    private readonly List<Task> _running = [];

    private LifecycleCluster(IObjectClient client)
    {
        Client = client;
        Context = ControllerContext.Create(client, Logs.Enqueue);
        Runtime = new FakeRuntime(Clock);
        Agent = new PodLifecycleAgent(Runtime, Prober, Clock, PodEvent.To(Context.Events), Logs.Enqueue);
        Kubelet = new KubeletController(Context, Agent, workers: 4);
    }

    public IObjectClient Client { get; }
    public ControllerContext Context { get; }
    public SteppedClock Clock { get; } = new(LifecycleRig.T0);
    public FakeRuntime Runtime { get; }
    public FakeProber Prober { get; } = new();
    public PodLifecycleAgent Agent { get; }
    public KubeletController Kubelet { get; }
    public System.Collections.Concurrent.ConcurrentQueue<string> Logs { get; } = new();

    public static async Task<LifecycleCluster> StartAsync()
    {
        var (client, _, _) = await ApiBackedClient.StartAsync();
        foreach (var node in PodTestCluster.DefaultNodes()) await client.CreateAsync(Resources.Nodes, node, "test", CancellationToken.None);
        var cluster = new LifecycleCluster(client);
        cluster._running.Add(cluster.Context.Informers.RunAsync(cluster._cts.Token));
        cluster._running.Add(cluster.Context.Events.RunAsync(cluster._cts.Token));
        cluster._running.Add(cluster.Kubelet.RunAsync(cluster._cts.Token));
        return cluster;
    }

    /// <summary>Creates pod "web" in default on kind-worker with these containers.</summary>
    public Task<JsonObject> CreatePodAsync(string restartPolicy, params JsonObject[] containers) => CreatePodAsync("web", restartPolicy, containers);

    public async Task<JsonObject> CreatePodAsync(string name, string restartPolicy, params JsonObject[] containers)
    {
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = new JsonObject { ["app"] = "web" } },
            ["spec"] = new JsonObject { ["nodeName"] = "kind-worker", ["restartPolicy"] = restartPolicy, ["containers"] = new JsonArray(containers) },
        };
        return await Client.CreateAsync(Resources.Pods, pod, "test", _cts.Token);
    }

    public JsonObject? Pod => Client.Get(Resources.Pods, "default", "web");

    public string Uid => Pod!["metadata"]!["uid"]!.GetValue<string>();

    public FakeSandbox Sandbox => Runtime.Sandboxes[Uid];

    public (string Ready, string Status, string Restarts) Printed() => LifecycleRig.Print(Pod!, Clock.GetUtcNow());

    public IReadOnlyList<string> EventMessages(string reason) =>
        Client.List(Resources.Events, "default").Items
            .Where(e => e["involvedObject"]?["name"]?.GetValue<string>() == "web" && e["reason"]?.GetValue<string>() == reason)
            .Select(e => e["message"]!.GetValue<string>()).ToArray();

    public async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"never happened: {what} at {Clock.GetUtcNow():O}\nprobes: {string.Join(", ", Prober.Calls)}\nagent: {(Pod is { } p && Agent.GetPodState(p["metadata"]!["uid"]!.GetValue<string>()) is { } st ? string.Join("; ", st.Containers) : "none")}\n{string.Join('\n', Logs.Take(30))}\npod: {Pod?["status"]?.ToJsonString()}");
            await Task.Delay(10, _cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        try { await Task.WhenAll(_running); } catch (OperationCanceledException) { }
        foreach (var uid in Runtime.Sandboxes.Keys) await Agent.StopPodAsync(uid, TimeSpan.Zero, CancellationToken.None);
        _cts.Dispose();
    }
}
