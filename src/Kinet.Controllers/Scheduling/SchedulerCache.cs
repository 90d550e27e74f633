// kube-scheduler's cache, reduced to what Kinet's filters read: which pods occupy which node (their count and host
// ports), kept up to date from the pod informer one event at a time, plus the pods the scheduler has just bound and the
// informer has not shown bound yet ("assumed" pods), so that decisions taken back to back see each other.
using System.Text.Json.Nodes;
using Kinet.Model.Scheduling;
using Kinet.Model.Workloads;

namespace Kinet.Controllers.Scheduling;

public sealed class SchedulerCache
{
    private sealed record Placement(string Node, IReadOnlyList<HostPort> Ports, bool Assumed);

    private readonly object _gate = new();
    private readonly Dictionary<string, Placement> _placed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, IReadOnlyList<HostPort>>> _ports = new(StringComparer.Ordinal);

    /// <summary>Takes in the informer's current copy of a pod (added or modified).</summary>
    public void Observe(string key, JsonObject pod)
    {
        var node = pod["spec"]?["nodeName"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        lock (_gate)
        {
            if (node.Length > 0 && !PodFacts.IsTerminal(pod)) Set(key, new Placement(node, HostPort.Of(pod), false));
            else if (node.Length == 0 && _placed.TryGetValue(key, out var p) && p.Assumed) { } // bound by us; the informer has not seen it yet
            else Remove(key);
        }
    }

    /// <summary>The pod is gone.</summary>
    public void Forget(string key)
    {
        lock (_gate) Remove(key);
    }

    /// <summary>Counts a pod on the node the scheduler just chose, before the binding shows in the informer.</summary>
    public void Assume(string key, string node, IReadOnlyList<HostPort> ports)
    {
        lock (_gate) Set(key, new Placement(node, ports, true));
    }

    /// <summary>Drops an assumption whose binding failed; a placement the informer has confirmed stays.</summary>
    public void ForgetAssumed(string key)
    {
        lock (_gate)
            if (_placed.TryGetValue(key, out var p) && p.Assumed) Remove(key);
    }

    public int PodCount(string node)
    {
        lock (_gate) return _counts.GetValueOrDefault(node);
    }

    /// <summary>The scheduler's view of each node.</summary>
    public IReadOnlyList<NodeInfo> Infos(IReadOnlyList<JsonObject> nodes)
    {
        var infos = new NodeInfo[nodes.Count];
        lock (_gate)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                var name = nodes[i]["metadata"]?["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
                IReadOnlyList<HostPort> ports = _ports.TryGetValue(name, out var byPod) ? byPod.Values.SelectMany(p => p).ToArray() : [];
                infos[i] = new NodeInfo(nodes[i], _counts.GetValueOrDefault(name), ports);
            }
        }
        return infos;
    }

    private void Set(string key, Placement placement)
    {
        Remove(key);
        _placed[key] = placement;
        _counts[placement.Node] = _counts.GetValueOrDefault(placement.Node) + 1;
        if (placement.Ports.Count > 0)
        {
            if (!_ports.TryGetValue(placement.Node, out var byPod)) _ports[placement.Node] = byPod = new(StringComparer.Ordinal);
            byPod[key] = placement.Ports;
        }
    }

    private void Remove(string key)
    {
        if (!_placed.Remove(key, out var old)) return;
        _counts[old.Node]--;
        if (_ports.TryGetValue(old.Node, out var byPod)) byPod.Remove(key);
    }
}
