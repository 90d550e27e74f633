// kube-apiserver's endpoint reconciler for the `kubernetes` Service (pkg/controlplane/reconcilers, EndpointsAdapter):
// the API server's own address behind default/kubernetes, as the Endpoints `kubernetes` (labelled skip-mirror) and
// the EndpointSlice `kubernetes` (labelled with the service name only: no managed-by, no owner, the EndpointSlice
// controller never touches it since the Service has no selector). Written once at start and put right whenever
// someone changes them, plus a periodic check as upstream's reconcile interval does.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;
using Kinet.Model.Endpoints;

namespace Kinet.Controllers.Endpoints;

public sealed class KubernetesEndpointsReconciler(ControllerContext ctx, string address, int port)
{
    public const string Manager = "kube-apiserver";
    public const string Namespace = "default";
    public const string ServiceName = "kubernetes";
    public const string SkipMirrorLabel = "endpointslice.kubernetes.io/skip-mirror";

    private const string FullCheck = "\0full";
    private const string StrayPrefix = "\0stray/";

    /// <summary>How often the objects are checked even when no change was seen (upstream's --endpoint-reconciler interval, 10 s).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Writes the Endpoints and EndpointSlice if they are missing or differ and deletes any other slice labelled
    /// for the Service; true when something was written.</summary>
    public async Task<bool> EnsureAsync(CancellationToken ct)
    {
        var wrote = await EnsureEndpointsAsync(ct).ConfigureAwait(false);
        wrote |= await EnsureSliceAsync(ct).ConfigureAwait(false);
        foreach (var slice in ctx.Client.List(Resources.EndpointSlices, Namespace).Items)
            wrote |= await DeleteIfStrayAsync(slice, ct).ConfigureAwait(false);
        return wrote;
    }

    /// <summary>Ensures now, then again whenever the objects change and every <see cref="Interval"/>, until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var queue = new WorkQueue<string>(ctx.Clock);
        ctx.Informers.For(Resources.Endpoints).AddHandler(e =>
        {
            if (ObjectJson.Key(e.Object) == Namespace + "/" + ServiceName) queue.Add(ServiceName);
        });
        // Watched rather than listed every interval: the default namespace may hold a great many slices.
        ctx.Informers.For(Resources.EndpointSlices).AddHandler(e =>
        {
            if (ObjectJson.Namespace(e.Object) != Namespace) return;
            if (ObjectJson.Name(e.Object) == ServiceName) queue.Add(ServiceName);
            else if (e.Type != WatchEventType.Deleted && ObjectJson.Label(e.Object, EndpointSliceLabels.ServiceName) == ServiceName)
                queue.Add(StrayPrefix + ObjectJson.Name(e.Object));
        });
        queue.Add(FullCheck);
        var periodic = Task.Run(async () =>
        {
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    await Task.Delay(Interval, ctx.Clock, ct).ConfigureAwait(false);
                    queue.Add(ServiceName);
                }
            }
            catch (OperationCanceledException) { }
        }, CancellationToken.None);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var key = await queue.TakeAsync(ct).ConfigureAwait(false);
                try
                {
                    if (key == FullCheck) await EnsureAsync(ct).ConfigureAwait(false);
                    else if (key.StartsWith(StrayPrefix, StringComparison.Ordinal))
                    {
                        if (ctx.Client.Get(Resources.EndpointSlices, Namespace, key[StrayPrefix.Length..]) is { } stray)
                            await DeleteIfStrayAsync(stray, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        await EnsureEndpointsAsync(ct).ConfigureAwait(false);
                        await EnsureSliceAsync(ct).ConfigureAwait(false);
                    }
                    queue.Forget(key);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
                catch (Exception e)
                {
                    if (e is not (ObjectConflictException or ObjectNotFoundException))
                        ctx.Log($"kubernetes endpoints: reconcile failed, retrying: {e.Message}");
                    queue.AddRateLimited(key);
                }
                finally
                {
                    queue.Done(key);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        await periodic.ConfigureAwait(false);
    }

    private JsonArray Ports() => new(new JsonObject { ["name"] = "https", ["port"] = port, ["protocol"] = "TCP" });

    private async Task<bool> EnsureEndpointsAsync(CancellationToken ct)
    {
        var current = ctx.Client.Get(Resources.Endpoints, Namespace, ServiceName);
        var desired = current?.DeepClone().AsObject() ?? new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Endpoints",
            ["metadata"] = new JsonObject { ["name"] = ServiceName, ["namespace"] = Namespace },
        };
        desired["metadata"]!["labels"] = new JsonObject { [SkipMirrorLabel] = "true" };
        desired["subsets"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray(new JsonObject { ["ip"] = address }),
            ["ports"] = Ports(),
        });
        if (current is null)
        {
            await ctx.Client.CreateAsync(Resources.Endpoints, desired, Manager, ct).ConfigureAwait(false);
            return true;
        }
        if (JsonNode.DeepEquals(current["subsets"], desired["subsets"]) && JsonNode.DeepEquals(current["metadata"]?["labels"], desired["metadata"]?["labels"]))
            return false;
        ctx.Log($"Resetting endpoints for master service \"{ServiceName}\"");
        await ctx.Client.UpdateAsync(Resources.Endpoints, desired, Manager, ct: ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>A slice labelled for the Service other than the one this writes (another address family, an old server's) goes.</summary>
    private async Task<bool> DeleteIfStrayAsync(JsonObject slice, CancellationToken ct)
    {
        if (ObjectJson.Label(slice, EndpointSliceLabels.ServiceName) != ServiceName || IsOurs(slice)) return false;
        try { await ctx.Client.DeleteAsync(Resources.EndpointSlices, Namespace, ObjectJson.Name(slice), ct: ct).ConfigureAwait(false); }
        catch (ObjectNotFoundException) { return false; }
        return true;
    }

    private static bool IsOurs(JsonObject slice) =>
        ObjectJson.Name(slice) == ServiceName && ObjectJson.Str(slice["addressType"]) == EndpointSliceReconciler.AddressType;

    private async Task<bool> EnsureSliceAsync(CancellationToken ct)
    {
        var current = ctx.Client.Get(Resources.EndpointSlices, Namespace, ServiceName);
        if (current is not null && !IsOurs(current))
        {
            // The name is taken by a slice of the wrong address type: replace it.
            try { await ctx.Client.DeleteAsync(Resources.EndpointSlices, Namespace, ServiceName, ct: ct).ConfigureAwait(false); }
            catch (ObjectNotFoundException) { }
            current = null;
        }
        var desired = current?.DeepClone().AsObject() ?? new JsonObject
        {
            ["apiVersion"] = "discovery.k8s.io/v1",
            ["kind"] = "EndpointSlice",
            ["metadata"] = new JsonObject { ["name"] = ServiceName, ["namespace"] = Namespace },
        };
        desired["metadata"]!["labels"] = new JsonObject { [EndpointSliceLabels.ServiceName] = ServiceName };
        desired["addressType"] = EndpointSliceReconciler.AddressType;
        desired["endpoints"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray(address),
            ["conditions"] = new JsonObject { ["ready"] = true },
        });
        desired["ports"] = Ports();
        if (current is null)
        {
            await ctx.Client.CreateAsync(Resources.EndpointSlices, desired, Manager, ct).ConfigureAwait(false);
            return true;
        }
        if (JsonNode.DeepEquals(current["endpoints"], desired["endpoints"]) && JsonNode.DeepEquals(current["ports"], desired["ports"])
            && JsonNode.DeepEquals(current["metadata"]?["labels"], desired["metadata"]?["labels"]))
            return false;
        await ctx.Client.UpdateAsync(Resources.EndpointSlices, desired, Manager, ct: ct).ConfigureAwait(false);
        return true;
    }
}
