// Gives LoadBalancer Services an address from the cluster's pool (MetalLB / k3s ServiceLB style) in
// status.loadBalancer.ingress, and takes it back when the Service is deleted or stops being a LoadBalancer.
// Services with a spec.loadBalancerClass belong to another implementation and are left alone.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;
using Kinet.Model.Allocation;
using Kinet.Model.Networking;
using static Kinet.Controllers.Runtime.ObjectJson;

namespace Kinet.Controllers.Services;

public sealed class LoadBalancerController(IObjectClient client, IPRange pool)
{
    public const string Manager = "kinet-loadbalancer-controller";
    public static readonly ResourceRef Services = new("", "services");

    private readonly LoadBalancerIPAllocator _pool = new(pool);

    /// <summary>The shared informer of Services to read from instead of running an own one.</summary>
    public Informer? SharedServices { get; init; }
    private readonly Dictionary<string, IP> _assigned = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken ct)
    {
        // The daemon's shared Service informer when given (one cache of every Service), else an own one (tests).
        var informer = SharedServices ?? new Informer(client, Services);
        using var queue = new WorkQueue<string>();
        informer.AddHandler(e => queue.Add(Key(e.Object)));
        var run = SharedServices is null ? informer.RunAsync(ct) : Task.CompletedTask;
        try
        {
            await informer.Synced.WaitAsync(ct).ConfigureAwait(false);
            Rebuild(informer.List());
            while (!ct.IsCancellationRequested)
            {
                var key = await queue.TakeAsync(ct).ConfigureAwait(false);
                try
                {
                    await ReconcileAsync(key, ct).ConfigureAwait(false);
                    queue.Forget(key);
                }
                catch (Exception e) when (e is ObjectConflictException or ObjectNotFoundException)
                {
                    queue.AddRateLimited(key);
                }
                finally
                {
                    queue.Done(key);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        await run.ConfigureAwait(false);
    }

    /// <summary>Marks the addresses stored Services already have (controller start).</summary>
    public void Rebuild(IEnumerable<JsonObject> services)
    {
        foreach (var s in services)
            if (IngressIP(s) is { } ip && _pool.Allocate(ip).Succeeded) _assigned[Key(s)] = ip;
    }

    /// <summary>One step for one Service key ("ns/name").</summary>
    public async Task ReconcileAsync(string key, CancellationToken ct)
    {
        var slash = key.IndexOf('/');
        var svc = client.Get(Services, key[..slash], key[(slash + 1)..]);
        var wants = svc is not null && Str(svc["spec"]?["type"]) == "LoadBalancer" && Str(svc["spec"]?["loadBalancerClass"]).Length == 0;
        if (!wants)
        {
            if (svc is not null && _assigned.ContainsKey(key) && IngressIP(svc) is not null)
                await WriteIngressAsync(svc, null, ct).ConfigureAwait(false);
            if (_assigned.Remove(key, out var released)) _pool.Release(released);
            return;
        }
        if (IngressIP(svc!) is { } existing && _assigned.TryGetValue(key, out var mine) && mine == existing) return;
        if (!_assigned.TryGetValue(key, out var ip))
        {
            var result = _pool.Allocate();
            if (!result.Succeeded) return; // pool exhausted: EXTERNAL-IP stays <pending>, as with MetalLB
            ip = result.Value;
            _assigned[key] = ip;
        }
        await WriteIngressAsync(svc!, ip, ct).ConfigureAwait(false);
    }

    private Task WriteIngressAsync(JsonObject svc, IP? ip, CancellationToken ct)
    {
        var updated = svc.DeepClone().AsObject();
        var ingress = new JsonArray();
        if (ip is not null) ingress.Add(new JsonObject { ["ip"] = ip.ToString(), ["ipMode"] = "VIP" });
        updated["status"] = new JsonObject { ["loadBalancer"] = ip is null ? new JsonObject() : new JsonObject { ["ingress"] = ingress } };
        return client.UpdateAsync(Services, updated, Manager, "status", ct);
    }

    private IP? IngressIP(JsonObject svc) =>
        Str(svc["status"]?["loadBalancer"]?["ingress"]?[0]?["ip"]) is { Length: > 0 } text && IP.TryParse(text, out var ip) && _pool.InRange(ip) ? ip : null;

    private static string Key(JsonObject o) => Str(o["metadata"]?["namespace"]) + "/" + Str(o["metadata"]?["name"]);

}
