// A client that refuses to create the pods of ReplicaSet "web" while told to (as a quota or an admission webhook
// would), passing everything else to the real one.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;

namespace Kinet.Controllers.Tests.Workloads;

public sealed class RefusingClient(IObjectClient inner) : IObjectClient
{
    public volatile bool RefusePods;
    private int _refused;

    public int Refused => _refused;

    public JsonObject? Get(ResourceRef resource, string? ns, string name) => inner.Get(resource, ns, name);
    public ObjectList List(ResourceRef resource, string? ns = null) => inner.List(resource, ns);
    public IWatchStream Watch(ResourceRef resource, string? ns, long afterResourceVersion) => inner.Watch(resource, ns, afterResourceVersion);

    public Task<JsonObject> CreateAsync(ResourceRef resource, JsonObject obj, string manager, CancellationToken ct = default)
    {
        if (!RefusePods || resource != Resources.Pods || obj["metadata"]?["generateName"]?.GetValue<string>() != "web-")
            return inner.CreateAsync(resource, obj, manager, ct);
        Interlocked.Increment(ref _refused);
        throw new InvalidOperationException("pods \"web-\" is forbidden: exceeded quota: pods");
    }

    public Task<JsonObject> UpdateAsync(ResourceRef resource, JsonObject obj, string manager, string? subresource = null, CancellationToken ct = default) =>
        inner.UpdateAsync(resource, obj, manager, subresource, ct);

    public Task DeleteAsync(ResourceRef resource, string? ns, string name, ObjectDeleteOptions? options = null, CancellationToken ct = default) =>
        inner.DeleteAsync(resource, ns, name, options, ct);

    public Task BindAsync(string ns, string pod, string node, string manager, CancellationToken ct = default) => inner.BindAsync(ns, pod, node, manager, ct);
}
