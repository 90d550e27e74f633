// A cluster API (the real registry, in memory) with the EndpointSlice and Endpoints controllers running, and builders
// for the objects they read: nodes kind-worker (zone a) and kind-worker2 (zone b), pods made Running/Ready through the
// status subresource as the node agent does, Services with selectors.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Endpoints;
using Kinet.Controllers.Runtime;
using Kinet.Controllers.Tests.Support;

namespace Kinet.Controllers.Tests.Endpoints;

internal sealed class EndpointsCluster : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly List<Task> _running = [];

    public required IObjectClient Client { get; init; }
    public required ControllerContext Context { get; init; }
    public EndpointSliceController? SliceController { get; private set; }
    public EndpointsController? EndpointsController { get; private set; }
    public CancellationToken Token => _cts.Token;

    /// <summary>Starts the API, the informers, the event recorder and (unless told otherwise) both endpoint controllers.</summary>
    public static async Task<EndpointsCluster> StartAsync(bool controllers = true, int maxEndpointsPerSlice = 100)
    {
        var (client, _, _) = await ApiBackedClient.StartAsync();
        var cluster = new EndpointsCluster { Client = client, Context = ControllerContext.Create(client) };
        await cluster.CreateNodeAsync("kind-worker", "a");
        await cluster.CreateNodeAsync("kind-worker2", "b");
        if (controllers)
        {
            var slices = new EndpointSliceController(cluster.Context, new Kinet.Model.Endpoints.EndpointSliceReconciler(maxEndpointsPerSlice: maxEndpointsPerSlice));
            var endpoints = new EndpointsController(cluster.Context);
            (cluster.SliceController, cluster.EndpointsController) = (slices, endpoints);
            cluster.Start(slices.RunAsync);
            cluster.Start(endpoints.RunAsync);
        }
        cluster.Start(cluster.Context.Informers.RunAsync);
        cluster.Start(cluster.Context.Events.RunAsync);
        return cluster;
    }

    public void Start(Func<CancellationToken, Task> run) => _running.Add(Task.Run(() => run(_cts.Token)));

    public async Task CreateNodeAsync(string name, string zone) =>
        await Client.CreateAsync(Resources.Nodes, new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["topology.kubernetes.io/zone"] = zone } },
        }, "test");

    public static JsonObject Labels(string text)
    {
        var o = new JsonObject();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=');
            o[kv[0]] = kv[1];
        }
        return o;
    }

    public async Task<JsonObject> CreateServiceAsync(string name, string? selector, int port = 80, JsonNode? targetPort = null,
        bool publishNotReady = false, string ns = "default", string? portName = null)
    {
        var p = new JsonObject { ["port"] = port, ["protocol"] = "TCP", ["targetPort"] = targetPort ?? port };
        if (portName is not null) p["name"] = portName;
        var spec = new JsonObject { ["ports"] = new JsonArray(p) };
        if (selector is not null) spec["selector"] = Labels(selector);
        if (publishNotReady) spec["publishNotReadyAddresses"] = true;
        return await Client.CreateAsync(Resources.Services, new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = spec,
        }, "test");
    }

    /// <summary>A pod on <paramref name="node"/> with <paramref name="ip"/>, Running, its Ready condition as given.</summary>
    public async Task<JsonObject> CreatePodAsync(string name, string labels, string ip, bool ready = true, string node = "kind-worker",
        JsonArray? containerPorts = null, string ns = "default")
    {
        var container = new JsonObject { ["name"] = "app", ["image"] = "nginx" };
        if (containerPorts is not null) container["ports"] = containerPorts;
        await Client.CreateAsync(Resources.Pods, new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = Labels(labels) },
            ["spec"] = new JsonObject { ["nodeName"] = node, ["containers"] = new JsonArray(container) },
        }, "test");
        return await SetPodStatusAsync(name, ip, ready, ns);
    }

    public async Task<JsonObject> SetPodStatusAsync(string name, string ip, bool ready, string ns = "default")
    {
        var pod = Client.Get(Resources.Pods, ns, name)!;
        pod["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["hostIP"] = "172.18.0.3",
            ["podIP"] = ip,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip }),
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready", ["status"] = ready ? "True" : "False", ["lastTransitionTime"] = "2026-11-26T10:00:00Z",
            }),
        };
        return await Client.UpdateAsync(Resources.Pods, pod, "kubelet", "status");
    }

    public async Task<JsonObject> ChangeAsync(ResourceRef resource, string ns, string name, Action<JsonObject> change)
    {
        var o = Client.Get(resource, ns, name)!;
        change(o);
        return await Client.UpdateAsync(resource, o, "test");
    }

    /// <summary>Slices the EndpointSlice controller manages for the Service.</summary>
    public IReadOnlyList<JsonObject> Slices(string service, string ns = "default") =>
        Client.List(Resources.EndpointSlices, ns).Items
            .Where(s => s["metadata"]?["labels"]?["kubernetes.io/service-name"]?.GetValue<string>() == service).ToList();

    /// <summary>Every "address|ready|serving|terminating" across the Service's slices, sorted.</summary>
    public IReadOnlyList<string> SliceEndpoints(string service, string ns = "default") =>
        Slices(service, ns).SelectMany(s => s["endpoints"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(e => $"{e["addresses"]![0]}|{e["conditions"]?["ready"]}|{e["conditions"]?["serving"]}|{e["conditions"]?["terminating"]}")
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>The Endpoints as `kubectl get endpoints` prints it: "ip:port" joined by commas, "&lt;none&gt;" when empty, null when absent.</summary>
    public string? EndpointsColumn(string service, string ns = "default")
    {
        if (Client.Get(Resources.Endpoints, ns, service) is not { } ep) return null;
        var items = (ep["subsets"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(s =>
            (s["addresses"] as JsonArray ?? []).SelectMany(a => (s["ports"] as JsonArray ?? []).Select(p => $"{a!["ip"]}:{p!["port"]}")))
            .ToList();
        return items.Count == 0 ? "<none>" : string.Join(",", items);
    }

    /// <summary>Waits for <paramref name="condition"/>; the bound only fails a test that is wrong anyway.</summary>
    public static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"never happened: {what}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        try { await Task.WhenAll(_running); }
        catch (OperationCanceledException) { }
        _cts.Dispose();
    }
}
