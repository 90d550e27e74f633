// Finishes namespace deletion as kube-controller-manager's namespace controller does: once a namespace is Terminating
// (it has a deletionTimestamp), delete everything in it, then clear its spec finalizers through /finalize so that the
// namespace itself goes. Content that deletes gracefully (pods on a node) is waited for.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;

namespace Kinet.Controllers.Namespaces;

public sealed class NamespaceController(IObjectClient client, IReadOnlyList<ResourceRef> namespacedResources)
{
    public const string Manager = "namespace-controller";
    public static readonly ResourceRef Namespaces = new("", "namespaces");

    /// <summary>The shared informer of Namespaces to read from instead of running an own one.</summary>
    public Informer? SharedNamespaces { get; init; }

    /// <summary>How soon a namespace whose content is still going away is looked at again.</summary>
    public TimeSpan RecheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken ct)
    {
        // The daemon's shared Namespace informer when given, else an own one (tests).
        var informer = SharedNamespaces ?? new Informer(client, Namespaces);
        using var queue = new WorkQueue<string>();
        informer.AddHandler(e => { if (e.Type != WatchEventType.Deleted && IsTerminating(e.Object)) queue.Add(Name(e.Object)); });
        var run = SharedNamespaces is null ? informer.RunAsync(ct) : Task.CompletedTask;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var name = await queue.TakeAsync(ct).ConfigureAwait(false);
                try
                {
                    if (!await ReconcileAsync(name, ct)) queue.AddAfter(name, RecheckInterval);
                    queue.Forget(name);
                }
                catch (Exception e) when (e is ObjectConflictException or ObjectNotFoundException or InvalidOperationException)
                {
                    queue.AddRateLimited(name);
                }
                finally
                {
                    queue.Done(name);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        await run.ConfigureAwait(false);
    }

    /// <summary>One step for one namespace; true when nothing is left to do for it.</summary>
    public async Task<bool> ReconcileAsync(string name, CancellationToken ct)
    {
        var ns = client.Get(Namespaces, null, name);
        if (ns is null || !IsTerminating(ns)) return true;
        var remaining = 0;
        foreach (var r in namespacedResources)
        {
            foreach (var o in client.List(r, name).Items)
            {
                remaining++;
                try { await client.DeleteAsync(r, name, Name(o), ct: ct).ConfigureAwait(false); }
                catch (ObjectNotFoundException) { }
            }
        }
        if (remaining > 0 && namespacedResources.Any(r => client.List(r, name).Items.Count > 0))
            return false; // graceful deletions under way
        if ((ns["spec"]?["finalizers"] as JsonArray)?.Count > 0)
        {
            var finalized = ns.DeepClone().AsObject();
            finalized["spec"] = new JsonObject { ["finalizers"] = new JsonArray() };
            ns = await client.UpdateAsync(Namespaces, finalized, Manager, "finalize", ct).ConfigureAwait(false);
        }
        // With no finalizers left the finalize write itself removed it; otherwise delete it now.
        if (client.Get(Namespaces, null, name) is not null)
        {
            try { await client.DeleteAsync(Namespaces, null, name, ct: ct).ConfigureAwait(false); }
            catch (ObjectNotFoundException) { }
        }
        return true;
    }

    private static bool IsTerminating(JsonObject ns) => ns["metadata"]?["deletionTimestamp"] is not null;

    private static string Name(JsonObject o) => o["metadata"]?["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
