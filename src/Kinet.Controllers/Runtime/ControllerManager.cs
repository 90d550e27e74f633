// Runs the controllers of a cluster until stopped, as kube-controller-manager does; one failing controller is logged
// and restarted, never takes the others down.
using Kinet.Controllers.Client;
using Kinet.Controllers.Namespaces;

namespace Kinet.Controllers.Runtime;

public sealed class ControllerManager : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private readonly Action<string> _log;
    private int _disposed;

    private ControllerManager(Action<string> log) => _log = log;

    /// <summary>Starts every controller against the options' client.</summary>
    public static ControllerManager Start(ControllerManagerOptions o)
    {
        var m = new ControllerManager(o.Log);
        var ctx = ControllerContext.Create(o.Client, o.Log, o.Clock);
        m.Run("informers", ctx.Informers.RunAsync);
        m.Run("events", ctx.Events.RunAsync);
        m.Run("namespace", ct => new NamespaceController(o.Client, o.NamespacedResources) { SharedNamespaces = ctx.Informers.For(Resources.Namespaces) }.RunAsync(ct));
        m.Run("serviceaccount", ct => ServiceAccounts.NamespaceDefaults.ServiceAccounts(ctx).RunAsync(ct));
        if (o.RootCaPem is { } ca) m.Run("root-ca-cert-publisher", ct => ServiceAccounts.NamespaceDefaults.RootCa(ctx, ca).RunAsync(ct));
        var gc = new GarbageCollection.GarbageCollector(ctx, o.NamespacedResources, [Resources.Namespaces, Resources.Nodes]);
        m.Run("garbagecollector", gc.RunAsync);
        // A new instance per (re)start for these: each registers its informer handlers when it runs.
        m.Run("endpointslice", ct => new Endpoints.EndpointSliceController(ctx).RunAsync(ct));
        m.Run("endpoint", ct => new Endpoints.EndpointsController(ctx).RunAsync(ct));
        m.Run("kubernetes-endpoints", ct => new Endpoints.KubernetesEndpointsReconciler(ctx, o.ApiServerAddress, o.ApiServerPort).RunAsync(ct));
        var agent = o.NodeAgentFactory?.Invoke(ctx) ?? o.NodeAgent ?? new Nodes.SimulatedNodeAgent(o.Clock); // outside Run: a restarted kubelet controller keeps the agent's pods
        m.Run("scheduler", ct => new Scheduling.SchedulerController(ctx).RunAsync(ct));
        m.Run("kubelet", ct => new Nodes.KubeletController(ctx, agent).RunAsync(ct));
        // One instance each: these register their informer handlers in the constructor.
        m.Run("replicaset", new Workloads.ReplicaSetController(ctx).RunAsync);
        m.Run("deployment", new Workloads.DeploymentController(ctx).RunAsync);
        m.Run("loadbalancer", ct => new Services.LoadBalancerController(o.Client, o.LoadBalancerPool) { SharedServices = ctx.Informers.For(Resources.Services) }.RunAsync(ct));
        foreach (var extra in o.ExtraControllers) m.Run(extra.Name, ct => extra.RunAsync(ctx, ct));
        return m;
    }

    private void Run(string name, Func<CancellationToken, Task> controller)
    {
        var ct = _stop.Token;
        _running.Add(Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    await controller(ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
                catch (Exception e)
                {
                    _log($"controller {name} failed, restarting: {e}");
                    try { await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false); }
                    catch (OperationCanceledException) { return; }
                }
            }
        }, ct));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_running).ConfigureAwait(false);
        _stop.Dispose();
    }
}
