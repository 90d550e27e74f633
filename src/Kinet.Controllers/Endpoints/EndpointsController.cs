// kube-controller-manager's Endpoints controller: the core/v1 Endpoints of the same name as each Service with a
// selector (what `kubectl get endpoints` lists), from the pods the selector matches; the pure rules are Kinet.Model's
// EndpointsController. The Endpoints of a deleted Service go; Services without a selector are left to their users.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Events;
using Kinet.Controllers.Runtime;
using Kinet.Model.Endpoints;
using EndpointsRules = Kinet.Model.Endpoints.EndpointsController;

namespace Kinet.Controllers.Endpoints;

public sealed class EndpointsController(ControllerContext ctx)
{
    public const string Manager = "endpoint-controller";
    public const string Component = "endpoint-controller";
    /// <summary>Endpoints used as leader-election locks have no Service and must survive the leftover sweep.</summary>
    public const string LeaderAnnotation = "control-plane.alpha.kubernetes.io/leader";

    private readonly PodServiceIndex _index = PodServiceIndex.For(ctx.Informers);
    private readonly TriggerTimeTracker _triggerTimes = new();
    private readonly WrittenObjects _written = new();
    private readonly Informer _services = ctx.Informers.For(Resources.Services);
    private readonly Informer _endpoints = ctx.Informers.For(Resources.Endpoints);

    /// <summary>Concurrent Service syncs (kube-controller-manager's --concurrent-endpoint-syncs, 5 there).</summary>
    public int Workers { get; init; } = 4;

    /// <summary>
    /// The shortest time between two pod-triggered syncs of one Service (--endpoint-updates-batch-period, 0 there — but there the
    /// controller's client is rate-limited to 20 writes/s, which batches bursts too). An isolated pod change syncs at once;
    /// a burst (a 1,000-replica rollout) syncs each Service about once per period instead of once per pod, which keeps
    /// 1,000-address Endpoints from being rewritten a thousand times.
    /// </summary>
    public TimeSpan BatchPeriod { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs the controller until cancelled (once per instance: its informer handlers stay registered).</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var queue = new WorkQueue<string>(ctx.Clock);
        _services.AddHandler(e => queue.Add(ObjectJson.Key(e.Object)));
        ctx.Informers.For(Resources.Pods).AddHandler(e =>
        {
            foreach (var key in PodChanges.ServicesToSync(_index, e))
            {
                queue.AddCoalesced(key, BatchPeriod);
            }
        });
        // Someone deleted an Endpoints this controller keeps: put it back.
        _endpoints.AddHandler(e =>
        {
            if (e.Type == WatchEventType.Deleted && !_written.ObservedDeletion(ObjectJson.Key(e.Object))) queue.Add(ObjectJson.Key(e.Object));
        });
        try
        {
            await ctx.Informers.WaitForSyncAsync(ct, Resources.Services, Resources.Pods, Resources.Endpoints).ConfigureAwait(false);
            // checkLeftoverEndpoints: Endpoints whose Service went while the controller was down are found once, at start.
            foreach (var ep in _endpoints.List())
                if (ep["metadata"]?["annotations"]?[LeaderAnnotation] is null) queue.Add(ObjectJson.Key(ep));
            await KeyWorkers.RunAsync(queue, Workers, ReconcileAsync, ctx.Log, Component, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>One sync of the Service "ns/name".</summary>
    public async Task<bool> ReconcileAsync(string key, CancellationToken ct)
    {
        var (ns, name) = ObjectJson.SplitKey(key);
        var service = _services.Get(ns, name);
        if (service is null)
        {
            _triggerTimes.Forget(key);
            if (_written.Current(key, _endpoints.Get(ns, name)) is null) return true; // gone already (or deleted here)
            try
            {
                await ctx.Client.DeleteAsync(Resources.Endpoints, ns, name, ct: ct).ConfigureAwait(false);
                _written.Deleted(key);
            }
            catch (ObjectNotFoundException) { }
            return true;
        }
        if (ObjectJson.Str(service["spec"]?["type"]) == "ExternalName") return true;
        if (PodEndpointRules.SelectorOf(service) is null) return true;

        var pods = _index.PodsSelectedBy(service);
        var triggerTime = _triggerTimes.Compute(service, pods);
        var current = _written.Current(key, _endpoints.Get(ns, name));
        var change = EndpointsRules.Compute(service, pods, current, triggerTime);
        if (change.Action == EndpointsAction.None || change.Desired is null) return true;
        try
        {
            var written = change.Action == EndpointsAction.Create
                ? await ctx.Client.CreateAsync(Resources.Endpoints, change.Desired, Manager, ct).ConfigureAwait(false)
                : await ctx.Client.UpdateAsync(Resources.Endpoints, change.Desired, Manager, ct: ct).ConfigureAwait(false);
            _written.Wrote(key, written);
        }
        catch (Exception e) when (change.Action == EndpointsAction.Create && EndpointSliceController.IsNamespaceTerminating(e))
        {
            return true; // creates keep failing while the namespace is emptied: drop the Service
        }
        catch (Exception e) when (e is not (OperationCanceledException or ObjectConflictException))
        {
            var involved = change.Desired.DeepClone().AsObject();
            involved["kind"] = "Endpoints";
            involved["apiVersion"] = "v1";
            if (change.Action == EndpointsAction.Create)
                ctx.Events.Record(involved, EventRecorder.Warning, "FailedToCreateEndpoint",
                    $"Failed to create endpoint for service {ns}/{name}: {e.Message}", Component);
            else
                ctx.Events.Record(involved, EventRecorder.Warning, "FailedToUpdateEndpoint",
                    $"Failed to update endpoint {ns}/{name}: {e.Message}", Component);
            throw;
        }
        return true;
    }
}
