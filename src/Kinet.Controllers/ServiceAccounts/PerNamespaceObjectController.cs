// kube-controller-manager's serviceaccount controller and root-ca-cert-publisher share one shape: every active namespace
// must hold one object with a given name and content; it is recreated when deleted and, for the CA bundle, reset when
// edited. This is that shape, over the shared namespace informer and the informer of the object's resource.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;
using static Kinet.Controllers.Runtime.ObjectJson;

namespace Kinet.Controllers.ServiceAccounts;

public sealed class PerNamespaceObjectController(ControllerContext ctx, ResourceRef resource, string name, string manager,
    Func<string, JsonObject> desired, Func<JsonObject, JsonObject, bool>? upToDate = null)
{
    public async Task RunAsync(CancellationToken ct)
    {
        using var queue = new WorkQueue<string>();
        ctx.Informers.For(Resources.Namespaces).AddHandler(e => { if (e.Type != WatchEventType.Deleted) queue.Add(Str(e.Object["metadata"]?["name"])); });
        ctx.Informers.For(resource).AddHandler(e => { if (Str(e.Object["metadata"]?["name"]) == name) queue.Add(Str(e.Object["metadata"]?["namespace"])); });
        await ctx.Informers.WaitForSyncAsync(ct, Resources.Namespaces, resource).ConfigureAwait(false);
        while (!ct.IsCancellationRequested)
        {
            string ns;
            try { ns = await queue.TakeAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            try
            {
                await ReconcileAsync(ns, ct).ConfigureAwait(false);
                queue.Forget(ns);
            }
            catch (Exception e) when (e is ObjectConflictException or ObjectNotFoundException)
            {
                queue.AddRateLimited(ns);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A namespace being terminated refuses new content (403): nothing to do for it.
                ctx.Log($"{manager}: {ns}: {e.Message}");
            }
            finally
            {
                queue.Done(ns);
            }
        }
    }

    public async Task ReconcileAsync(string ns, CancellationToken ct)
    {
        var namespaceObject = ctx.Informers.For(Resources.Namespaces).Get(null, ns);
        if (namespaceObject is null || namespaceObject["metadata"]?["deletionTimestamp"] is not null) return;
        var want = desired(ns);
        var have = ctx.Informers.For(resource).Get(ns, name);
        if (have is null)
        {
            await ctx.Client.CreateAsync(resource, want, manager, ct).ConfigureAwait(false);
            return;
        }
        if (upToDate is null || upToDate(have, want)) return;
        var reset = have.DeepClone().AsObject();
        foreach (var (key, value) in want)
            if (key != "metadata") reset[key] = value?.DeepClone();
        await ctx.Client.UpdateAsync(resource, reset, manager, ct: ct).ConfigureAwait(false);
    }

}
