// Which pods a Service selects and which Services select a pod, without scanning every object: pods indexed by
// namespace and label pair and by node, Services with a selector indexed by one of their selector pairs. Both
// endpoint controllers share one index per informer factory; it is fed by its own informer handlers, registered
// before any controller's, so a controller's handler (and any sync it queues) already sees the index updated.
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;
using Kinet.Model.Selectors;

namespace Kinet.Controllers.Endpoints;

public sealed class PodServiceIndex
{
    private static readonly ConditionalWeakTable<SharedInformers, PodServiceIndex> Shared = new();

    private readonly object _gate = new();
    private readonly Dictionary<string, JsonObject> _pods = new(StringComparer.Ordinal);
    // "ns\0key\0value" → pod keys
    private readonly Dictionary<string, HashSet<string>> _podsByLabel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _podsByNode = new(StringComparer.Ordinal);
    // service key → (index key, selector); "ns\0key\0value" → service keys
    private readonly Dictionary<string, (string IndexKey, LabelSelector Selector)> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _servicesByLabel = new(StringComparer.Ordinal);

    /// <summary>The index of <paramref name="informers"/>' pods and services, created (and hooked up) on first use.</summary>
    public static PodServiceIndex For(SharedInformers informers) => Shared.GetValue(informers, i =>
    {
        var index = new PodServiceIndex();
        i.For(Resources.Pods).AddHandler(index.OnPod);
        i.For(Resources.Services).AddHandler(index.OnService);
        return index;
    });

    /// <summary>The pods of the Service's namespace its selector matches (none without a selector).</summary>
    public IReadOnlyList<JsonObject> PodsSelectedBy(JsonObject service)
    {
        var ns = ObjectJson.Namespace(service);
        if (service["spec"]?["selector"] is not JsonObject map || map.Count == 0) return [];
        var selector = LabelSelector.FromMap(map);
        lock (_gate)
        {
            // Start from the smallest label set the selector names, then check the whole selector.
            HashSet<string>? smallest = null;
            foreach (var (k, v) in map)
            {
                if (!_podsByLabel.TryGetValue(LabelKey(ns, k, ObjectJson.Str(v)), out var set)) return [];
                if (smallest is null || set.Count < smallest.Count) smallest = set;
            }
            var result = new List<JsonObject>(smallest!.Count);
            foreach (var key in smallest)
                if (_pods.TryGetValue(key, out var pod) && selector.Matches(pod["metadata"]?["labels"] as JsonObject)) result.Add(pod);
            return result;
        }
    }

    /// <summary>Keys ("ns/name") of the Services whose selector matches <paramref name="labels"/> in <paramref name="ns"/>.</summary>
    public IReadOnlyList<string> ServicesSelecting(string ns, JsonObject? labels)
    {
        if (labels is null || labels.Count == 0) return [];
        var podLabels = LabelSelector.LabelsOf(labels);
        var result = new List<string>();
        lock (_gate)
        {
            foreach (var (k, v) in podLabels)
            {
                if (!_servicesByLabel.TryGetValue(LabelKey(ns, k, v), out var keys)) continue;
                foreach (var key in keys)
                    if (_services[key].Selector.Matches(podLabels)) result.Add(key);
            }
        }
        return result;
    }

    /// <summary>Keys of the Services selecting a pod bound to <paramref name="node"/>.</summary>
    public IReadOnlyList<string> ServicesWithPodsOn(string node)
    {
        List<JsonObject> pods;
        lock (_gate)
        {
            if (!_podsByNode.TryGetValue(node, out var keys)) return [];
            pods = keys.Select(k => _pods[k]).ToList();
        }
        return pods.SelectMany(p => ServicesSelecting(ObjectJson.Namespace(p), p["metadata"]?["labels"] as JsonObject))
            .Distinct(StringComparer.Ordinal).ToList();
    }

    internal void OnPod(WatchEvent e)
    {
        var key = ObjectJson.Key(e.Object);
        lock (_gate)
        {
            if (_pods.Remove(key, out var previous)) Unindex(key, previous);
            if (e.Type == WatchEventType.Deleted) return;
            _pods[key] = e.Object;
            var ns = ObjectJson.Namespace(e.Object);
            foreach (var (k, v) in LabelSelector.LabelsOf(e.Object["metadata"]?["labels"] as JsonObject))
                Add(_podsByLabel, LabelKey(ns, k, v), key);
            if (NodeOf(e.Object) is { Length: > 0 } node) Add(_podsByNode, node, key);
        }
    }

    private void Unindex(string key, JsonObject pod)
    {
        var ns = ObjectJson.Namespace(pod);
        foreach (var (k, v) in LabelSelector.LabelsOf(pod["metadata"]?["labels"] as JsonObject))
            Remove(_podsByLabel, LabelKey(ns, k, v), key);
        if (NodeOf(pod) is { Length: > 0 } node) Remove(_podsByNode, node, key);
    }

    internal void OnService(WatchEvent e)
    {
        var key = ObjectJson.Key(e.Object);
        lock (_gate)
        {
            if (_services.Remove(key, out var previous)) Remove(_servicesByLabel, previous.IndexKey, key);
            if (e.Type == WatchEventType.Deleted) return;
            if (e.Object["spec"]?["selector"] is not JsonObject map || map.Count == 0) return;
            // One pair is enough to find the Service from a pod: every selected pod carries all of them.
            var first = map.OrderBy(p => p.Key, StringComparer.Ordinal).First();
            var indexKey = LabelKey(ObjectJson.Namespace(e.Object), first.Key, ObjectJson.Str(first.Value));
            _services[key] = (indexKey, LabelSelector.FromMap(map));
            Add(_servicesByLabel, indexKey, key);
        }
    }

    private static string? NodeOf(JsonObject pod) => ObjectJson.Str(pod["spec"]?["nodeName"]);

    private static string LabelKey(string ns, string key, string value) => string.Concat(ns, "\0", key, "\0", value);

    private static void Add(Dictionary<string, HashSet<string>> index, string at, string key)
    {
        if (!index.TryGetValue(at, out var set)) index[at] = set = new HashSet<string>(StringComparer.Ordinal);
        set.Add(key);
    }

    private static void Remove(Dictionary<string, HashSet<string>> index, string at, string key)
    {
        if (index.TryGetValue(at, out var set) && set.Remove(key) && set.Count == 0) index.Remove(at);
    }
}
