// A cluster for the pod controllers' tests: the real API registry in memory, kind-shaped Node objects, and the scheduler
// and/or kubelet controller running in the background until disposed.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Nodes;
using Kinet.Controllers.Runtime;
using Kinet.Controllers.Scheduling;
using Kinet.Controllers.Tests.Support;
using Kinet.Model.Cluster;

namespace Kinet.Controllers.Tests.Nodes;

internal sealed class PodTestCluster : IAsyncDisposable
{
    private static readonly NodeHostInfo Host = new()
    {
        Architecture = "amd64", CpuCount = 4, MemoryKi = 8_000_000, EphemeralStorageKi = 100_000_000,
        KernelVersion = "6.8.0", OsImage = "Debian GNU/Linux 12 (bookworm)", BootId = "boot", KinetVersion = "0.3.0",
    };

    private readonly CancellationTokenSource _cts = new(TimeSpan.FromMinutes(2));
    private readonly List<Task> _running = [];

    private PodTestCluster(IObjectClient client) => Client = client;

    public IObjectClient Client { get; }

    public ControllerContext? Context { get; private set; }

    public SchedulerController? Scheduler { get; private set; }

    public KubeletController? Kubelet { get; private set; }

    public SimulatedNodeAgent Agent { get; } = new();

    public CancellationToken Token => _cts.Token;

    /// <summary>What the controllers logged (shown when a wait fails).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>kind's default cluster (kind-control-plane with its taint, kind-worker, kind-worker2) and the chosen controllers.</summary>
    public static async Task<PodTestCluster> StartAsync(bool scheduler = true, bool kubelet = true, bool defaultNodes = true)
    {
        var (client, _, _) = await ApiBackedClient.StartAsync();
        var cluster = new PodTestCluster(client);
        if (defaultNodes)
            foreach (var node in DefaultNodes()) await cluster.CreateAsync(Resources.Nodes, node);
        cluster.StartControllers(scheduler, kubelet);
        return cluster;
    }

    /// <summary>A second cluster process over the same API state (a daemon restart): fresh controllers, agent and address book.</summary>
    public PodTestCluster Restarted(bool scheduler = true, bool kubelet = true)
    {
        var cluster = new PodTestCluster(Client);
        cluster.StartControllers(scheduler, kubelet);
        return cluster;
    }

    private void StartControllers(bool scheduler, bool kubelet)
    {
        var ctx = ControllerContext.Create(Client, Logs.Enqueue);
        Context = ctx;
        if (scheduler) Scheduler = new SchedulerController(ctx, workers: 4) { InitialBackoff = TimeSpan.FromMilliseconds(50) };
        if (kubelet) Kubelet = new KubeletController(ctx, Agent, workers: 4) { SandboxRetry = TimeSpan.FromMilliseconds(200) };
        _running.Add(ctx.Informers.RunAsync(_cts.Token));
        _running.Add(ctx.Events.RunAsync(_cts.Token));
        if (Scheduler is not null) _running.Add(Scheduler.RunAsync(_cts.Token));
        if (Kubelet is not null) _running.Add(Kubelet.RunAsync(_cts.Token));
    }

    public static IReadOnlyList<JsonObject> DefaultNodes()
    {
        var spec = ClusterConfig.Default("kind");
        return spec.Nodes.Select(n => NodeObjects.Build(spec, n, Host, DateTimeOffset.UtcNow)).ToArray();
    }

    /// <summary>A worker node like kind's, with its own CIDR and address.</summary>
    public static JsonObject Worker(string name, string podCidr, string internalIP, int? maxPods = null)
    {
        var node = DefaultNodes()[1].DeepClone().AsObject();
        node["metadata"]!["name"] = name;
        node["metadata"]!["labels"]!["kubernetes.io/hostname"] = name;
        node["spec"]!["podCIDR"] = podCidr;
        node["spec"]!["podCIDRs"] = new JsonArray(podCidr);
        node["status"]!["addresses"] = new JsonArray(
            new JsonObject { ["address"] = internalIP, ["type"] = "InternalIP" },
            new JsonObject { ["address"] = name, ["type"] = "Hostname" });
        if (maxPods is { } m)
        {
            node["status"]!["allocatable"]!["pods"] = m.ToString(System.Globalization.CultureInfo.InvariantCulture);
            node["status"]!["capacity"]!["pods"] = m.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return node;
    }

    public static JsonObject Pod(string name, string ns = "default", string image = "nginx", string? nodeName = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = "web" } },
        ["spec"] = nodeName is null
            ? new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "nginx", ["image"] = image }) }
            : new JsonObject { ["nodeName"] = nodeName, ["containers"] = new JsonArray(new JsonObject { ["name"] = "nginx", ["image"] = image }) },
    };

    public Task<JsonObject> CreateAsync(ResourceRef resource, JsonObject obj) => Client.CreateAsync(resource, obj, "test", _cts.Token);

    /// <summary>Creates a node and waits until the controllers' informer has it, so pods created next can land on it.</summary>
    public async Task AddNodeAsync(JsonObject node)
    {
        var created = await CreateAsync(Resources.Nodes, node);
        var name = Str(created["metadata"]?["name"])!;
        var informer = Context!.Informers.For(Resources.Nodes);
        await Eventually(() => informer.Get(null, name) is not null, $"the informer sees node {name}");
    }

    public JsonObject? GetPod(string name, string ns = "default") => Client.Get(Resources.Pods, ns, name);

    public IReadOnlyList<JsonObject> Pods(string ns = "default") => Client.List(Resources.Pods, ns).Items;

    /// <summary>Events about the named object with the given reason.</summary>
    public IReadOnlyList<JsonObject> Events(string involvedName, string reason, string ns = "default") =>
        Client.List(Resources.Events, ns).Items
            .Where(e => e["involvedObject"]?["name"]?.GetValue<string>() == involvedName && e["reason"]?.GetValue<string>() == reason)
            .ToArray();

    /// <summary>Waits for the condition; the bound only fails a test that would fail anyway.</summary>
    public async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"never happened: {what}\n{string.Join('\n', Logs.Take(20))}");
            await Task.Delay(20, _cts.Token);
        }
    }

    public static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        try { await Task.WhenAll(_running); } catch (OperationCanceledException) { }
        _cts.Dispose();
    }
}
