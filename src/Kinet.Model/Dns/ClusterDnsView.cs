// The slim cluster state DNS answers from (CoreDNS's object/ package: only what DNS needs), immutable and indexed for
// lookups by name and by IP. Built from the official client's models; the server swaps in a new view after each batch
// of changes. SEAM (written before the helpers started): the record helper implements it.
using System.Net;
using k8s.Models;

namespace Kinet.Model.Dns;

public sealed class ClusterDnsView
{
    public static ClusterDnsView Empty { get; } = new(0);

    // Keys are CoreDNS's index keys "name.namespace", lower-case (Kubernetes names are lower-case already).
    private readonly Dictionary<string, DnsService> _services;
    private readonly Dictionary<string, List<DnsEndpoints>> _endpoints = new(StringComparer.Ordinal);
    private readonly HashSet<string> _namespaces = new(StringComparer.Ordinal);
    // By address: the first Service with that ClusterIP; the slices holding the address (one, or a list on collision).
    private readonly Dictionary<IPAddress, DnsService> _byClusterIP;
    private readonly Dictionary<DnsIP, object> _endpointsByIP;
    // Running pods' primary IPs → their namespaces (one string, or a list), for `pods verified`.
    private readonly Dictionary<IPAddress, object> _podsByIP = [];

    private ClusterDnsView(uint serial, int serviceCapacity = 0, int addressCapacity = 0)
    {
        Serial = serial;
        _services = new Dictionary<string, DnsService>(serviceCapacity, StringComparer.Ordinal);
        _byClusterIP = new Dictionary<IPAddress, DnsService>(serviceCapacity);
        _endpointsByIP = new Dictionary<DnsIP, object>(addressCapacity);
    }

    /// <summary>The SOA serial: CoreDNS uses the Unix time of the last change it saw.</summary>
    public uint Serial { get; }

    public int ServiceCount => _services.Count;

    /// <summary>A view of these objects. Pods are needed only for `pods verified`; namespaces to tell an existing
    /// namespace from a missing one (CoreDNS answers NXDOMAIN for names in namespaces that do not exist).</summary>
    public static ClusterDnsView Build(IEnumerable<V1Service> services, IEnumerable<V1EndpointSlice> slices,
        IEnumerable<V1Pod> pods, IEnumerable<V1Namespace> namespaces) =>
        Build(services, slices, pods, namespaces, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <summary>As <see cref="Build(IEnumerable{V1Service}, IEnumerable{V1EndpointSlice}, IEnumerable{V1Pod}, IEnumerable{V1Namespace})"/>
    /// with the SOA serial given (tests; a server that counts changes).</summary>
    public static ClusterDnsView Build(IEnumerable<V1Service> services, IEnumerable<V1EndpointSlice> slices,
        IEnumerable<V1Pod> pods, IEnumerable<V1Namespace> namespaces, uint serial)
    {
        // Slices first, to size the address index once instead of growing it.
        var endpoints = new List<DnsEndpoints>(slices.TryGetNonEnumeratedCount(out var sliceCount) ? sliceCount : 0);
        var addressCount = 0;
        foreach (var slice in slices)
            if (ToEndpoints(slice) is { } e)
            {
                endpoints.Add(e);
                addressCount += e.Addresses.Length;
            }
        var view = new ClusterDnsView(serial, services.TryGetNonEnumeratedCount(out var serviceCount) ? serviceCount : 0, addressCount);
        foreach (var ns in namespaces)
            if (ns.Metadata?.Name is { } n) view._namespaces.Add(n.ToLowerInvariant());
        foreach (var svc in services)
            if (ToService(svc) is { } s) view.AddService(s);
        foreach (var e in endpoints) view.AddEndpoints(e);
        foreach (var pod in pods)
            view.AddPod(pod);
        return view;
    }

    internal bool NamespaceExists(string ns) => _namespaces.Contains(ns);

    internal DnsService? Service(string name, string ns) => _services.GetValueOrDefault(name + "." + ns);

    internal IReadOnlyList<DnsEndpoints> Endpoints(string name, string ns) =>
        _endpoints.TryGetValue(name + "." + ns, out var list) ? list : [];

    internal DnsService? ServiceByClusterIP(IPAddress ip) => _byClusterIP.GetValueOrDefault(ip);

    internal IReadOnlyList<DnsEndpoints> EndpointsByIP(IPAddress ip) => _endpointsByIP.TryGetValue(DnsIP.From(ip), out var o)
        ? o as List<DnsEndpoints> ?? [(DnsEndpoints)o] : [];

    internal IReadOnlyList<string> PodNamespacesByIP(IPAddress ip) => _podsByIP.TryGetValue(ip, out var o)
        ? o as List<string> ?? [(string)o] : [];

    private void AddService(DnsService s)
    {
        _services[s.Name + "." + s.Namespace] = s;
        foreach (var ip in s.ClusterIPs) _byClusterIP.TryAdd(ip, s);
    }

    private void AddEndpoints(DnsEndpoints e)
    {
        var key = e.Index;
        if (!_endpoints.TryGetValue(key, out var list)) _endpoints[key] = list = new List<DnsEndpoints>(1);
        list.Add(e);
        foreach (var a in e.Addresses)
        {
            // Most addresses are in one slice: the slice itself, a list only when shared.
            if (!_endpointsByIP.TryGetValue(a.IP, out var o)) _endpointsByIP[a.IP] = e;
            else if (o is List<DnsEndpoints> list2) { if (!list2.Contains(e)) list2.Add(e); }
            else if (!ReferenceEquals(o, e)) _endpointsByIP[a.IP] = new List<DnsEndpoints> { (DnsEndpoints)o, e };
        }
    }

    private void AddPod(V1Pod pod)
    {
        // CoreDNS ignores terminating pods (object.ToPod) and indexes the primary status.podIP only.
        if (pod.Metadata?.DeletionTimestamp is not null) return;
        if (pod.Status?.PodIP is not { Length: > 0 } text || !IPAddress.TryParse(text, out var ip)) return;
        AddMulti(_podsByIP, ip, (pod.Metadata?.NamespaceProperty ?? "default").ToLowerInvariant());
    }

    private static void AddMulti<T>(Dictionary<IPAddress, object> index, IPAddress ip, T value) where T : class
    {
        if (!index.TryGetValue(ip, out var o)) index[ip] = value;
        else if (o is List<T> list) list.Add(value);
        else index[ip] = new List<T> { (T)o, value };
    }

    private static DnsService? ToService(V1Service svc)
    {
        if (svc.Metadata?.Name is not { Length: > 0 } name) return null;
        var ns = (svc.Metadata.NamespaceProperty ?? "default").ToLowerInvariant();
        var spec = svc.Spec;
        var ipTexts = spec?.ClusterIPs is { Count: > 0 } list ? list : spec?.ClusterIP is { } one ? [one] : [];
        var kind = spec?.Type == "ExternalName" ? DnsServiceKind.ExternalName
            : ipTexts.Count > 0 && ipTexts[0] == "None" ? DnsServiceKind.Headless : DnsServiceKind.ClusterIP;
        IPAddress[] ips = [];
        if (kind == DnsServiceKind.ClusterIP)
        {
            var parsed = new List<IPAddress>(ipTexts.Count);
            foreach (var t in ipTexts)
                if (IPAddress.TryParse(t, out var ip)) parsed.Add(ip);
            ips = [.. parsed];
        }
        DnsPort[] ports = DnsPort.None;
        if (spec?.Ports is { Count: > 0 } sp)
        {
            ports = new DnsPort[sp.Count];
            for (var i = 0; i < sp.Count; i++) ports[i] = new DnsPort(sp[i].Name ?? "", sp[i].Protocol ?? "TCP", sp[i].Port);
        }
        return new DnsService(name.ToLowerInvariant(), ns, kind, ips, ports, kind == DnsServiceKind.ExternalName ? spec?.ExternalName : null);
    }

    private static DnsEndpoints? ToEndpoints(V1EndpointSlice slice)
    {
        // Slices of a Service carry its name in this label (the EndpointSlice controller sets it); FQDN slices hold
        // no addresses DNS can serve.
        if (slice.Metadata?.Labels?.TryGetValue("kubernetes.io/service-name", out var svc) != true || string.IsNullOrEmpty(svc)) return null;
        if (slice.AddressType == "FQDN") return null;
        var ns = (slice.Metadata.NamespaceProperty ?? "default").ToLowerInvariant();
        DnsPort[] ports = DnsPort.None;
        if (slice.Ports is { Count: > 0 } sp)
        {
            ports = new DnsPort[sp.Count];
            for (var i = 0; i < sp.Count; i++) ports[i] = new DnsPort(sp[i].Name ?? "", sp[i].Protocol ?? "", sp[i].Port ?? -1);
        }
        var endpoints = slice.Endpoints;
        var addresses = new DnsAddress[endpoints?.Count ?? 0];
        var count = 0;
        for (var i = 0; i < addresses.Length; i++)
        {
            var ep = endpoints![i];
            // A nil ready condition means "unknown", which consumers treat as ready (CoreDNS's endpointsliceReady).
            if (ep.Conditions?.Ready == false || ep.Addresses is not { Count: > 0 } list) continue;
            // Addresses of one endpoint are fungible (the API allows one); each gets its own record as CoreDNS does.
            for (var j = 0; j < list.Count; j++)
                if (DnsIP.TryParse(list[j], out var ip))
                {
                    if (count == addresses.Length) Array.Resize(ref addresses, count * 2 + 1);
                    addresses[count++] = new DnsAddress(ip, ep.Hostname);
                }
        }
        if (count != addresses.Length) Array.Resize(ref addresses, count);
        return new DnsEndpoints(svc.ToLowerInvariant(), ns, ports, addresses);
    }
}
