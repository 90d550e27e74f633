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

    /// <summary>How often the objects are checked even when no change was seen (upstream's --endpoint-reconciler interval, 10 s).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Writes the Endpoints and EndpointSlice if they are missing or differ; true when something was written.</summary>
    public async Task<bool> EnsureAsync(CancellationToken ct)
    {
        var wroteEndpoints = await EnsureEndpointsAsync(ct).ConfigureAwait(false);
        var wroteSlices = await EnsureSlicesAsync(ct).ConfigureAwait(false);
        return wroteEndpoints || wroteSlices;
    }

    /// <summary>Ensures now, then again whenever the objects change and every <see cref="Interval"/>, until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var queue = new WorkQueue<string>(ctx.Clock);
        ctx.Informers.For(Resources.Endpoints).AddHandler(e =>
        {
            if (ObjectKeys.Key(e.Object) == Namespace + "/" + ServiceName) queue.Add(ServiceName);
        });
        ctx.Informers.For(Resources.EndpointSlices).AddHandler(e =>
        {
            if (ObjectKeys.Namespace(e.Object) == Namespace
                && (ObjectKeys.Name(e.Object) == ServiceName || ObjectKeys.Label(e.Object, EndpointSliceLabels.ServiceName) == ServiceName))
                queue.Add(ServiceName);
        });
        queue.Add(ServiceName);
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
                    await EnsureAsync(ct).ConfigureAwait(false);
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

    private async Task<bool> EnsureSlicesAsync(CancellationToken ct)
    {
        JsonObject? current = null;
        var wrote = false;
        foreach (var slice in ctx.Client.List(Resources.EndpointSlices, Namespace).Items)
        {
            if (ObjectKeys.Label(slice, EndpointSliceLabels.ServiceName) != ServiceName) continue;
            if (ObjectKeys.Name(slice) == ServiceName && ObjectKeys.Str(slice["addressType"]) == EndpointSliceReconciler.AddressType)
            {
                current = slice;
                continue;
            }
            // Any other slice for the API server's Service is stale (another address family, an old server's).
            try { await ctx.Client.DeleteAsync(Resources.EndpointSlices, Namespace, ObjectKeys.Name(slice), ct: ct).ConfigureAwait(false); }
            catch (ObjectNotFoundException) { }
            wrote = true;
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
            return wrote;
        await ctx.Client.UpdateAsync(Resources.EndpointSlices, desired, Manager, ct: ct).ConfigureAwait(false);
        return true;
    }
}
