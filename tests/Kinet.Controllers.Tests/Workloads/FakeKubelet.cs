// A stand-in for the scheduler and kubelet in workload tests: binds each new pod to a node, then reports it Running
// and Ready with an address through the status subresource, and finishes graceful deletions at once. Readiness can be
// held back (Ready = false) to watch a rollout wait for availability.
using System.Globalization;
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;

namespace Kinet.Controllers.Tests.Workloads;

public sealed class FakeKubelet(IObjectClient client, string node = "kind-worker")
{
    private readonly Informer _pods = new(client, Resources.Pods);
    private readonly WorkQueue<string> _queue = new();
    private int _addresses;

    /// <summary>Whether bound pods are reported Ready; turning it on looks at every pod again.</summary>
    public volatile bool Ready = true;

    public void MakeReady()
    {
        Ready = true;
        foreach (var p in _pods.List()) _queue.Add(Key(p));
    }

    public async Task RunAsync(CancellationToken ct)
    {
        _pods.AddHandler(e => { if (e.Type != WatchEventType.Deleted) _queue.Add(Key(e.Object)); });
        var informer = _pods.RunAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var key = await _queue.TakeAsync(ct);
                try { await HandleAsync(key, ct); }
                catch (Exception e) when (e is ObjectConflictException or ObjectNotFoundException) { _queue.AddRateLimited(key); }
                finally { _queue.Done(key); }
            }
        }
        catch (OperationCanceledException) { }
        await informer;
    }

    private async Task HandleAsync(string key, CancellationToken ct)
    {
        var slash = key.IndexOf('/');
        var pod = client.Get(Resources.Pods, key[..slash], key[(slash + 1)..]);
        if (pod is null) return;
        var ns = key[..slash];
        var name = key[(slash + 1)..];
        if (pod["metadata"]?["deletionTimestamp"] is not null)
        {
            await client.DeleteAsync(Resources.Pods, ns, name, new ObjectDeleteOptions(GracePeriodSeconds: 0), ct);
            return;
        }
        if (pod["spec"]?["nodeName"] is null)
        {
            try { await client.BindAsync(ns, name, node, "default-scheduler", ct); }
            catch (Exception e) when (e is not OperationCanceledException) { /* left unbound: never runs */ }
            return;
        }
        if (!Ready || pod["status"]?["phase"]?.GetValue<string>() == "Running") return;
        var ip = "10.244.1." + (Interlocked.Increment(ref _addresses) % 250 + 2).ToString(CultureInfo.InvariantCulture);
        var now = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var status = pod.DeepClone().AsObject();
        status["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["hostIP"] = "172.18.0.3",
            ["podIP"] = ip,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip }),
            ["startTime"] = now,
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "Ready", ["status"] = "True", ["lastTransitionTime"] = now },
                new JsonObject { ["type"] = "ContainersReady", ["status"] = "True", ["lastTransitionTime"] = now }),
        };
        await client.UpdateAsync(Resources.Pods, status, "kubelet", "status", ct);
    }

    private static string Key(JsonObject o) =>
        o["metadata"]!["namespace"]!.GetValue<string>() + "/" + o["metadata"]!["name"]!.GetValue<string>();
}
