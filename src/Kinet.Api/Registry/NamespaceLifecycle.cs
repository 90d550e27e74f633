// Finishes namespace deletion as kube-controller-manager's namespace controller does: once a namespace is Terminating,
// delete everything in it, then drop the "kubernetes" finalizer so the namespace itself goes.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Handlers;
using Kinet.Api.Resources;
using Kinet.Store;
using Microsoft.Extensions.Logging;

namespace Kinet.Api.Registry;

public static class NamespaceLifecycle
{
    public static async Task RunAsync(ApiContext api, ObjectRegistry registry, ILogger logger, CancellationToken ct)
    {
        var namespaces = ResourceRegistry.Get("", "namespaces");
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var list = api.Store.List(namespaces.StoreKey, null);
                using var watch = api.Store.Watch(namespaces.StoreKey, null, list.Revision);
                foreach (var ns in list.Items) await FinalizeIfTerminatingAsync(api, registry, ApiContext.Parse(ns), ct);
                while (true)
                {
                    // Re-check terminating namespaces every second too: their content may still be going away gracefully.
                    using var tick = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    tick.CancelAfter(TimeSpan.FromSeconds(1));
                    try
                    {
                        if (!await watch.Events.WaitToReadAsync(tick.Token)) break;
                        while (watch.Events.TryRead(out var e))
                            if (e.Type != ChangeType.Deleted)
                                await FinalizeIfTerminatingAsync(api, registry, ApiContext.Parse(e.Object), ct);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        foreach (var ns in api.Store.List(namespaces.StoreKey, null).Items)
                            await FinalizeIfTerminatingAsync(api, registry, ApiContext.Parse(ns), ct);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (ObjectDisposedException) { return; }
            catch (Exception e)
            {
                logger.LogWarning(e, "namespace lifecycle");
                try { await Task.Delay(1000, ct); } catch (OperationCanceledException) { return; }
            }
        }
    }

    private static async Task FinalizeIfTerminatingAsync(ApiContext api, ObjectRegistry registry, JsonObject ns, CancellationToken ct)
    {
        if (!Meta.IsDeleting(ns)) return;
        var name = Meta.Name(ns);
        var remaining = 0;
        foreach (var r in ResourceRegistry.Resources.Where(r => r.Namespaced))
        {
            foreach (var o in api.Store.List(r.StoreKey, name).Items)
            {
                remaining++;
                try { await registry.DeleteAsync(r, name, o.Name, new DeleteOptions(), ct); }
                catch (ApiException e) when (e.Code is 404 or 409) { }
            }
        }
        if (remaining > 0 && ResourceRegistry.Resources.Where(r => r.Namespaced).Any(r => api.Store.List(r.StoreKey, name, limit: 1).Items.Count > 0))
            return; // graceful deletions still under way; the next tick looks again
        var namespaces = ResourceRegistry.Get("", "namespaces");
        var w = new WriteOptions { Manager = "namespace-controller" };
        try
        {
            await registry.UpdateAsync(namespaces, null, name, "finalize", w, live =>
            {
                if (live is null) throw ApiException.NotFound("", "namespaces", name);
                live["spec"] = new JsonObject { ["finalizers"] = new JsonArray() };
                return live;
            }, createIfMissing: false, ct);
            var after = api.Get(namespaces, null, name);
            if (after is not null && Meta.Finalizers(ApiContext.Parse(after)).Count == 0)
                await registry.DeleteAsync(namespaces, null, name, new DeleteOptions(), ct);
        }
        catch (ApiException e) when (e.Code == 404) { }
    }
}
