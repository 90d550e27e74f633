// A cluster API in memory (the real registry) and garbage collectors that can be started and stopped over it, with
// helpers to make owners and dependents by hand.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.GarbageCollection;
using Kinet.Controllers.Runtime;
using Kinet.Controllers.Tests.Support;

namespace Kinet.Controllers.Tests.GarbageCollection;

internal sealed class GcCluster : IAsyncDisposable
{
    public static readonly ResourceRef[] Namespaced = [Resources.ConfigMaps, Resources.Pods, Resources.ReplicaSets, Resources.Events];
    public static readonly ResourceRef[] ClusterScoped = [Resources.Nodes, Resources.Namespaces];

    private readonly List<(CancellationTokenSource Stop, Task[] Running)> _collectors = [];

    private GcCluster(IObjectClient client) => Client = client;

    public IObjectClient Client { get; }

    public static async Task<GcCluster> StartAsync() => new((await ApiBackedClient.StartAsync()).Client);

    /// <summary>A new garbage collector with its own informers (as after a daemon restart); returns a function that stops it.</summary>
    public Func<Task> StartCollector()
    {
        var stop = new CancellationTokenSource();
        var ctx = ControllerContext.Create(Client);
        var gc = new GarbageCollector(ctx, Namespaced, ClusterScoped);
        var running = new[] { ctx.Informers.RunAsync(stop.Token), gc.RunAsync(stop.Token) };
        _collectors.Add((stop, running));
        return async () =>
        {
            await stop.CancelAsync();
            await Task.WhenAll(running);
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (stop, running) in _collectors)
        {
            await stop.CancelAsync();
            await Task.WhenAll(running);
            stop.Dispose();
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; the bound only stops a test that is wrong anyway.</summary>
    public static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("never happened: " + what);
            await Task.Delay(10);
        }
    }

    public static JsonObject Ref(JsonObject owner, bool block = false, bool controller = false)
    {
        var r = new JsonObject
        {
            ["apiVersion"] = owner["apiVersion"]!.GetValue<string>(),
            ["kind"] = owner["kind"]!.GetValue<string>(),
            ["name"] = Name(owner),
            ["uid"] = Uid(owner),
        };
        if (controller) r["controller"] = true;
        if (block) r["blockOwnerDeletion"] = true;
        return r;
    }

    public static JsonObject RefTo(string apiVersion, string kind, string name, string uid) =>
        new() { ["apiVersion"] = apiVersion, ["kind"] = kind, ["name"] = name, ["uid"] = uid };

    private static JsonObject Meta(string name, JsonObject[] owners, string[]? finalizers, string? ns = "default")
    {
        var meta = new JsonObject { ["name"] = name };
        if (ns is not null) meta["namespace"] = ns;
        if (owners.Length > 0) meta["ownerReferences"] = new JsonArray(owners.Select(o => (JsonNode?)o.DeepClone()).ToArray());
        if (finalizers is { Length: > 0 }) meta["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)f).ToArray());
        return meta;
    }

    public Task<JsonObject> ConfigMapAsync(string name, params JsonObject[] owners) => ConfigMapAsync(name, null, owners);

    public Task<JsonObject> ConfigMapAsync(string name, string[]? finalizers, params JsonObject[] owners) =>
        Client.CreateAsync(Resources.ConfigMaps, new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = Meta(name, owners, finalizers),
        }, "test");

    public Task<JsonObject> NodeAsync(string name) =>
        Client.CreateAsync(Resources.Nodes, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["metadata"] = Meta(name, [], null, null) }, "test");

    public Task<JsonObject> ReplicaSetAsync(string name) =>
        Client.CreateAsync(Resources.ReplicaSets, new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet",
            ["metadata"] = Meta(name, [], null),
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) },
                },
            },
        }, "test");

    public Task<JsonObject> PodAsync(string name, string? nodeName, params JsonObject[] owners)
    {
        var spec = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) };
        if (nodeName is not null) spec["nodeName"] = nodeName;
        return Client.CreateAsync(Resources.Pods, new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = Meta(name, owners, null), ["spec"] = spec,
        }, "test");
    }

    public JsonObject? ConfigMap(string name) => Client.Get(Resources.ConfigMaps, "default", name);

    public static string Name(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();

    public static string Uid(JsonObject o) => o["metadata"]!["uid"]!.GetValue<string>();

    public static bool IsDeleting(JsonObject? o) => o?["metadata"]?["deletionTimestamp"] is not null;

    public static string[] Finalizers(JsonObject o) =>
        (o["metadata"]?["finalizers"] as JsonArray)?.Select(f => f!.GetValue<string>()).ToArray() ?? [];

    public static string[] OwnerUids(JsonObject o) =>
        (o["metadata"]?["ownerReferences"] as JsonArray)?.Select(r => r!["uid"]!.GetValue<string>()).ToArray() ?? [];
}
