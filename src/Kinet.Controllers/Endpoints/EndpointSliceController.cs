// kube-controller-manager's EndpointSlice controller: per Service with a selector, keeps its EndpointSlices in line
// with the pods the selector matches (the pure rules are Kinet.Model's EndpointSliceReconciler). It syncs a Service
// when the Service changes, when a pod it selected or selects changes in a way endpoints can see, when a node its
// pods run on appears, goes or changes zone, and when someone else touches its slices. Slices of a Service that is
// gone are deleted here too (they also carry the ownerReference a garbage collector acts on).
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Events;
using Kinet.Controllers.Runtime;
using Kinet.Model.Endpoints;

namespace Kinet.Controllers.Endpoints;

public sealed class EndpointSliceController(ControllerContext ctx, EndpointSliceReconciler? reconciler = null)
{
    public const string Manager = EndpointSliceLabels.ControllerName;
    public const string Component = "endpoint-slice-controller";

    private readonly EndpointSliceReconciler _reconciler = reconciler ?? new EndpointSliceReconciler();
    private readonly PodServiceIndex _index = PodServiceIndex.For(ctx.Informers);
    private readonly ManagedSlices _slices = new();
    private readonly TriggerTimeTracker _triggerTimes = new();
    private readonly Informer _services = ctx.Informers.For(Resources.Services);
    private readonly Informer _nodes = ctx.Informers.For(Resources.Nodes);
    private readonly Informer _sliceInformer = ctx.Informers.For(Resources.EndpointSlices);

    /// <summary>Concurrent Service syncs (kube-controller-manager's --concurrent-service-endpoint-syncs, 5 there).</summary>
    public int Workers { get; init; } = 4;

    /// <summary>
    /// The shortest time between two pod-triggered syncs of one Service (--endpointslice-updates-batch-period, 0 there — but there the
    /// controller's client is rate-limited to 20 writes/s, which batches bursts too). An isolated pod change syncs at once;
    /// a burst (a 1,000-replica rollout) syncs each Service about once per period instead of once per pod, which keeps
    /// 1,000-address Endpoints from being rewritten a thousand times.
    /// </summary>
    public TimeSpan BatchPeriod { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs the controller until cancelled (once per instance: its informer handlers stay registered).</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var queue = new WorkQueue<string>(ctx.Clock);
        AddHandlers(queue);
        try
        {
            await ctx.Informers.WaitForSyncAsync(ct, Resources.Services, Resources.Pods, Resources.Nodes, Resources.EndpointSlices).ConfigureAwait(false);
            foreach (var s in _services.List()) queue.Add(ObjectJson.Key(s));
            await KeyWorkers.RunAsync(queue, Workers, ReconcileAsync, ctx.Log, Component, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private void AddHandlers(WorkQueue<string> queue)
    {
        void Batched(string key)
        {
            queue.AddCoalesced(key, BatchPeriod);
        }
        _services.AddHandler(e => queue.Add(ObjectJson.Key(e.Object)));
        ctx.Informers.For(Resources.Pods).AddHandler(e =>
        {
            foreach (var key in PodChanges.ServicesToSync(_index, e)) Batched(key);
        });
        _nodes.AddHandler(e =>
        {
            var zoneChanged = e.Old is not null
                && ObjectJson.Label(e.Old, EndpointSliceFactory.ZoneLabel) != ObjectJson.Label(e.Object, EndpointSliceFactory.ZoneLabel);
            if (e.Type == WatchEventType.Modified && !zoneChanged) return;
            foreach (var key in _index.ServicesWithPodsOn(ObjectJson.Name(e.Object))) Batched(key);
        });
        _sliceInformer.AddHandler(e =>
        {
            foreach (var key in _slices.Observe(e)) queue.Add(key);
        });
    }

    /// <summary>One sync of the Service "ns/name"; false when it must be retried (pods on nodes not known yet).</summary>
    public async Task<bool> ReconcileAsync(string key, CancellationToken ct)
    {
        var (ns, name) = ObjectJson.SplitKey(key);
        var service = _services.Get(ns, name);
        if (service is null)
        {
            _triggerTimes.Forget(key);
            foreach (var slice in _slices.For(key)) await DeleteAsync(slice, ct).ConfigureAwait(false);
            return true;
        }
        // ExternalName Services get no endpoints from this controller (issues.k8s.io/105986); selectorless ones get theirs from users.
        if (ObjectJson.Str(service["spec"]?["type"]) == "ExternalName") return true;
        if (PodEndpointRules.SelectorOf(service) is null) return true;

        var pods = _index.PodsSelectedBy(service);
        var nodes = pods.Select(p => ObjectJson.Str(p["spec"]?["nodeName"])).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)
            .Select(n => _nodes.Get(null, n)).OfType<JsonObject>().ToList();
        var triggerTime = _triggerTimes.Compute(service, pods);
        var changes = _reconciler.Reconcile(service, pods, nodes, _slices.For(key), triggerTime);
        try
        {
            foreach (var slice in changes.Create)
            {
                try { _slices.Wrote(await ctx.Client.CreateAsync(Resources.EndpointSlices, slice, Manager, ct).ConfigureAwait(false)); }
                catch (Exception e) when (IsNamespaceTerminating(e)) { } // nothing new may go there; the namespace is being emptied
            }
            foreach (var slice in changes.Update)
                _slices.Wrote(await ctx.Client.UpdateAsync(Resources.EndpointSlices, slice, Manager, ct: ct).ConfigureAwait(false));
            foreach (var slice in changes.Delete) await DeleteAsync(slice, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or ObjectConflictException))
        {
            ctx.Events.Record(service, EventRecorder.Warning, "FailedToUpdateEndpointSlices",
                $"Error updating Endpoint Slices for Service {ns}/{name}: {e.Message}", Component);
            throw;
        }
        return changes.PodsOnUnknownNodes.Count == 0;
    }

    private async Task DeleteAsync(JsonObject slice, CancellationToken ct)
    {
        try
        {
            await ctx.Client.DeleteAsync(Resources.EndpointSlices, ObjectJson.Namespace(slice), ObjectJson.Name(slice),
                new ObjectDeleteOptions(PreconditionUid: ObjectJson.Str(slice["metadata"]?["uid"]) is { Length: > 0 } uid ? uid : null), ct)
                .ConfigureAwait(false);
            _slices.Removed(slice, deletedHere: true);
        }
        catch (ObjectNotFoundException)
        {
            _slices.Removed(slice, deletedHere: false);
        }
    }

    internal static bool IsNamespaceTerminating(Exception e) => e.Message.Contains("because it is being terminated", StringComparison.Ordinal);
}
