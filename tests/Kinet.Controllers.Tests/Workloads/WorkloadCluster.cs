// The workload tests' cluster: the real API registry in memory, shared informers, the event recorder, the ReplicaSet
// and (optionally) Deployment controllers and a fake kubelet, all running until disposed.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;
using Kinet.Controllers.Tests.Support;
using Kinet.Controllers.Workloads;

namespace Kinet.Controllers.Tests.Workloads;

public sealed class WorkloadCluster : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];

    public required IObjectClient Client { get; init; }
    public required ControllerContext Context { get; init; }
    public required ReplicaSetController ReplicaSets { get; init; }
    public DeploymentController? Deployments { get; init; }
    public FakeKubelet? Kubelet { get; init; }

    public static async Task<WorkloadCluster> StartAsync(bool deployments = true, bool kubelet = true, IObjectClient? client = null)
    {
        client ??= (await ApiBackedClient.StartAsync()).Client;
        var ctx = ControllerContext.Create(client);
        var cluster = new WorkloadCluster
        {
            Client = client,
            Context = ctx,
            ReplicaSets = new ReplicaSetController(ctx),
            Deployments = deployments ? new DeploymentController(ctx) : null,
            Kubelet = kubelet ? new FakeKubelet(client) : null,
        };
        var ct = cluster._stop.Token;
        cluster._running.Add(ctx.Informers.RunAsync(ct));
        cluster._running.Add(ctx.Events.RunAsync(ct));
        cluster._running.Add(cluster.ReplicaSets.RunAsync(ct));
        if (cluster.Deployments is { } d) cluster._running.Add(d.RunAsync(ct));
        if (cluster.Kubelet is { } k) cluster._running.Add(k.RunAsync(ct));
        return cluster;
    }

    /// <summary>Waits until <paramref name="condition"/> holds; the bound is generous and only fails a test that is wrong anyway.</summary>
    public static async Task Eventually(Func<bool> condition, string what, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail("never happened: " + what);
            await Task.Delay(10);
        }
    }

    public JsonObject? Deployment(string name) => Client.Get(Resources.Deployments, "default", name);

    public JsonObject? ReplicaSet(string name) => Client.Get(Resources.ReplicaSets, "default", name);

    public IReadOnlyList<JsonObject> ReplicaSetsOf(JsonObject owner) =>
        Client.List(Resources.ReplicaSets, "default").Items.Where(rs => OwnerUid(rs) == Uid(owner)).ToArray();

    /// <summary>The pods an object controls, terminating ones included.</summary>
    public IReadOnlyList<JsonObject> PodsOf(JsonObject owner) =>
        Client.List(Resources.Pods, "default").Items.Where(p => OwnerUid(p) == Uid(owner)).ToArray();

    public IReadOnlyList<JsonObject> Events(string involvedName) =>
        Client.List(Resources.Events, "default").Items.Where(e => e["involvedObject"]?["name"]?.GetValue<string>() == involvedName).ToArray();

    public IReadOnlyList<string> EventMessages(string involvedName, string reason) =>
        Events(involvedName).Where(e => e["reason"]?.GetValue<string>() == reason).Select(e => e["message"]!.GetValue<string>()).ToArray();

    public Task<JsonObject> CreateAsync(ResourceRef resource, JsonObject obj) => Client.CreateAsync(resource, obj, "kubectl-client-side-apply");

    /// <summary>Reads, changes and writes back (as kubectl edit/scale/set image do), retrying on conflicts.</summary>
    public async Task<JsonObject> ChangeAsync(ResourceRef resource, string name, Action<JsonObject> change)
    {
        while (true)
        {
            var o = Client.Get(resource, "default", name) ?? throw new InvalidOperationException(name + " is gone");
            change(o);
            try { return await Client.UpdateAsync(resource, o, "kubectl-edit"); }
            catch (ObjectConflictException) { }
        }
    }

    public static string Name(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();
    public static string Uid(JsonObject o) => o["metadata"]!["uid"]!.GetValue<string>();
    public static int Int(JsonObject o, string section, string field) => o[section]?[field]?.GetValue<int>() ?? 0;

    public static string? OwnerUid(JsonObject o) =>
        (o["metadata"]?["ownerReferences"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(r => r["controller"]?.GetValue<bool>() == true)?["uid"]?.GetValue<string>();

    public static bool Terminating(JsonObject o) => o["metadata"]?["deletionTimestamp"] is not null;

    public static bool Ready(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>()
            .Any(c => c["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True") == true;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await Task.WhenAll(_running); }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
