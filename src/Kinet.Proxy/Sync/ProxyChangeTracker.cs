// kube-proxy's ServiceChangeTracker and EndpointsChangeTracker for one node and IP family, fed by informer events:
// each event recomputes only its own Service (its ports, or its endpoints merged over its slices) and marks it pending;
// Checkout folds the pending Services into the previous ProxyState, so a new state shares every untouched entry (the
// same ServicePortInfo and endpoint-list instances) with the old one. Thread-safe: informers call in, the loop checks out.
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Kinet.Model;
using Kinet.Model.Services;

namespace Kinet.Proxy.Sync;

public sealed class ProxyChangeTracker(string node, AddressFamily family = AddressFamily.InterNetwork)
{
    private readonly object _gate = new();
    // Current inputs per Service (namespace/name): its ports, and its slices by slice name.
    private readonly Dictionary<string, IReadOnlyList<ServicePortInfo>> _ports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _slices = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingServices = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingEndpoints = new(StringComparer.Ordinal);
    // What the last checkout published per Service, to replace exactly those keys.
    private readonly Dictionary<string, IReadOnlyList<ServicePortName>> _publishedPorts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<ServicePortName>> _publishedEndpoints = new(StringComparer.Ordinal);
    private IReadOnlyList<IPAddress> _nodeIPs = [];
    private bool _nodeIPsChanged;

    public string Node => node;

    public AddressFamily Family => family;

    /// <summary>Whether a checkout would change anything.</summary>
    public bool HasChanges
    {
        get { lock (_gate) return _pendingServices.Count > 0 || _pendingEndpoints.Count > 0 || _nodeIPsChanged; }
    }

    /// <summary>A Service was added (<paramref name="old"/> null), changed, or deleted (<paramref name="current"/> null).
    /// Returns whether the proxy's view of it changed.</summary>
    public bool OnService(JsonObject? old, JsonObject? current)
    {
        var obj = current ?? old;
        if (obj is null) return false;
        var key = Key(obj);
        var ports = current is null ? [] : ServiceProxyInfo.From(current, family);
        lock (_gate)
        {
            var before = _ports.GetValueOrDefault(key) ?? [];
            if (SamePorts(before, ports)) return false;
            if (ports.Count == 0) _ports.Remove(key);
            else _ports[key] = ports;
            _pendingServices.Add(key);
            return true;
        }
    }

    /// <summary>An EndpointSlice was added, changed or deleted. Returns whether any Service's endpoints may have changed.</summary>
    public bool OnEndpointSlice(JsonObject? old, JsonObject? current)
    {
        var changed = false;
        lock (_gate)
        {
            // A slice whose service label changed leaves its old Service.
            if (old is not null && EndpointSliceProxyInfo.ServiceOf(old) is var (oldNs, oldSvc)
                && (current is null || EndpointSliceProxyInfo.ServiceOf(current) != (oldNs, oldSvc)))
                changed |= RemoveSlice($"{oldNs}/{oldSvc}", SliceName(old));
            if (current is not null && EndpointSliceProxyInfo.ServiceOf(current) is var (ns, svc))
            {
                var key = $"{ns}/{svc}";
                if (!_slices.TryGetValue(key, out var slices)) _slices[key] = slices = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
                slices[SliceName(current)] = current;
                _pendingEndpoints.Add(key);
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>A Node object: when it is this node, its InternalIP of the family becomes the NodePort address.</summary>
    public bool OnNode(JsonObject? current)
    {
        if (current is null || JsonRead.Str(current, "metadata", "name") != node) return false;
        var ips = (JsonRead.At(current, "status", "addresses") as JsonArray ?? []).OfType<JsonObject>()
            .Where(a => JsonRead.Str(a, "type") == "InternalIP")
            .Select(a => IPAddress.TryParse(JsonRead.Str(a, "address"), out var ip) ? ip : null)
            .Where(ip => ip is not null && ip.AddressFamily == family)
            .Select(ip => ip!)
            .ToList();
        lock (_gate)
        {
            if (ips.SequenceEqual(_nodeIPs)) return false;
            _nodeIPs = ips;
            _nodeIPsChanged = true;
            return true;
        }
    }

    /// <summary>The node addresses last seen (empty until the Node was seen).</summary>
    public IReadOnlyList<IPAddress> NodeIPs
    {
        get { lock (_gate) return _nodeIPs; }
    }

    /// <summary>Folds every pending change into <paramref name="previous"/> (which must be the last checkout's result,
    /// or an empty state) and clears them. Entries of untouched Services are the same instances as in
    /// <paramref name="previous"/>.</summary>
    public ProxyState Checkout(ProxyState previous) => Checkout(previous, out _);

    /// <summary>As <see cref="Checkout(ProxyState)"/>, also naming every Service port whose info or endpoints were
    /// touched (added, changed or removed), so callers need not scan the whole state.</summary>
    public ProxyState Checkout(ProxyState previous, out IReadOnlyCollection<ServicePortName> changed)
    {
        var touched = new HashSet<ServicePortName>();
        changed = touched;
        lock (_gate)
        {
            var services = ToBuilder(previous.Services);
            foreach (var key in _pendingServices)
            {
                foreach (var name in _publishedPorts.GetValueOrDefault(key) ?? [])
                {
                    services.Remove(name);
                    touched.Add(name);
                }
                var ports = _ports.GetValueOrDefault(key) ?? [];
                foreach (var p in ports)
                {
                    services[p.Name] = p;
                    touched.Add(p.Name);
                }
                if (ports.Count == 0) _publishedPorts.Remove(key);
                else _publishedPorts[key] = ports.Select(p => p.Name).ToList();
            }
            var endpoints = ToBuilder(previous.Endpoints);
            foreach (var key in _pendingEndpoints)
            {
                var slash = key.IndexOf('/');
                var merged = _slices.TryGetValue(key, out var slices)
                    ? EndpointSliceProxyInfo.Merge(key[..slash], key[(slash + 1)..], slices.Values, node, family)
                    : [];
                foreach (var name in _publishedEndpoints.GetValueOrDefault(key) ?? [])
                    if (!merged.ContainsKey(name) && endpoints.Remove(name)) touched.Add(name);
                foreach (var (name, list) in merged)
                {
                    // Keep the old instance when nothing changed, so the renderer and conntrack see it untouched.
                    if (endpoints.TryGetValue(name, out var before) && before.SequenceEqual(list)) continue;
                    endpoints[name] = list;
                    touched.Add(name);
                }
                if (merged.Count == 0) _publishedEndpoints.Remove(key);
                else _publishedEndpoints[key] = merged.Keys.ToList();
            }
            _pendingServices.Clear();
            _pendingEndpoints.Clear();
            _nodeIPsChanged = false;
            return new ProxyState(node, services.ToImmutable(), endpoints.ToImmutable())
            {
                NodeIPs = _nodeIPs,
                PodCidrs = previous.PodCidrs,
                ServiceCidrs = previous.ServiceCidrs,
            };
        }
    }

    private bool RemoveSlice(string serviceKey, string sliceName)
    {
        if (!_slices.TryGetValue(serviceKey, out var slices) || !slices.Remove(sliceName)) return false;
        if (slices.Count == 0) _slices.Remove(serviceKey);
        _pendingEndpoints.Add(serviceKey);
        return true;
    }

    private static ImmutableDictionary<TKey, TValue>.Builder ToBuilder<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> source)
        where TKey : notnull =>
        source is ImmutableDictionary<TKey, TValue> immutable ? immutable.ToBuilder() : source.ToImmutableDictionary().ToBuilder();

    /// <summary>Value equality of port lists (the records hold lists, which records compare by reference).</summary>
    internal static bool SamePorts(IReadOnlyList<ServicePortInfo> a, IReadOnlyList<ServicePortInfo> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            var (x, y) = (a[i], b[i]);
            if (x with { LoadBalancerIPs = NoIPs, LoadBalancerSourceRanges = NoRanges, ExternalIPs = NoIPs }
                != y with { LoadBalancerIPs = NoIPs, LoadBalancerSourceRanges = NoRanges, ExternalIPs = NoIPs }) return false;
            if (!x.LoadBalancerIPs.SequenceEqual(y.LoadBalancerIPs) || !x.ExternalIPs.SequenceEqual(y.ExternalIPs)
                || !x.LoadBalancerSourceRanges.SequenceEqual(y.LoadBalancerSourceRanges, StringComparer.Ordinal)) return false;
        }
        return true;
    }

    private static readonly IPAddress[] NoIPs = [];
    private static readonly string[] NoRanges = [];

    private static string Key(JsonObject o) =>
        $"{JsonRead.Str(o, "metadata", "namespace")}/{JsonRead.Str(o, "metadata", "name")}";

    private static string SliceName(JsonObject o) => JsonRead.Str(o, "metadata", "name") ?? "";
}
