// CoreDNS's kubernetes plugin as a backend (plugin/kubernetes: parse.go parseRequest, kubernetes.go Services /
// Records / findServices / findPods, reverse.go, ns.go nsAddrs) over a ClusterDnsView, for one question's zone.
// Record names built from the zone use the zone as the question spelled it (CoreDNS keeps the query's case).
using System.Net;

namespace Kinet.Model.Dns;

internal sealed class KubernetesBackend(ClusterDnsView view, ClusterDnsConfig config, string zone)
{
    private const string Svc = "svc", Pod = "pod";

    public ClusterDnsView View => view;
    public ClusterDnsConfig Config => config;
    /// <summary>The zone as the question spelled it, with the trailing dot.</summary>
    public string Zone => zone;
    public uint Ttl => config.Ttl;

    /// <summary>"label" + "." + zone, without a double dot for the root zone.</summary>
    public static string Join(string prefix, string zone) => zone == "." ? prefix + "." : prefix + "." + zone;

    /// <summary>Services (kubernetes.go): the candidates for <paramref name="name"/> (lower-case, absolute).</summary>
    public (List<DnsBackendRecord> Records, DnsLookupError Error) Services(string name, DnsType qtype)
    {
        switch (qtype)
        {
            case DnsType.TXT:
            {
                // The only TXT record is dns-version.<zone>; other names answer NODATA if they exist, else NXDOMAIN.
                var segs = DnsNames.Split(DnsNames.TrimZone(name, zone));
                if (segs.Length == 1 && segs[0] == "dns-version")
                    return ([new DnsBackendRecord(null, null, "1.1.0", 0, name, 28800)], DnsLookupError.None);
                var (found, _) = Records(name);
                return found.Count > 0 ? ([], DnsLookupError.None) : ([], DnsLookupError.NoItems);
            }
            case DnsType.NS:
                return (NsAddresses().ConvertAll(a => new DnsBackendRecord(a.Ip, null, null, 0, a.Name, Ttl)), DnsLookupError.None);
        }

        if (IsDefaultNs(name))
        {
            var list = new List<DnsBackendRecord>();
            foreach (var (nsName, ip) in NsAddresses())
            {
                var v4 = DnsNames.AsV4(ip) is not null;
                if ((v4 && qtype == DnsType.A) || (!v4 && qtype == DnsType.AAAA))
                    list.Add(new DnsBackendRecord(ip, null, null, 0, name, Ttl));
            }
            return (list, DnsLookupError.None);
        }

        var (records, error) = Records(name);
        if (qtype == DnsType.SRV) records.RemoveAll(r => r.HostType == DnsType.CNAME); // no SRV for ExternalName
        return (records, error);
    }

    /// <summary>Records (kubernetes.go).</summary>
    public (List<DnsBackendRecord> Records, DnsLookupError Error) Records(string name)
    {
        var (r, error) = Parse(name);
        if (error != DnsLookupError.None) return ([], error);
        if (r.PodOrSvc == "") return ([], DnsLookupError.None);
        if (DnsNames.IsReverse(name)) return ([], DnsLookupError.NoItems);
        if (!view.NamespaceExists(r.Namespace)) return ([], DnsLookupError.NamespaceNotExposed);
        return r.PodOrSvc == Pod ? FindPods(r) : FindServices(r);
    }

    /// <summary>Reverse (reverse.go): the names of a ClusterIP's Service, else of the endpoints holding the address.</summary>
    public (List<DnsBackendRecord> Records, DnsLookupError Error) Reverse(string name)
    {
        if (DnsNames.AddressFromReverse(name) is not { } ip)
        {
            var (_, e) = Records(name);
            return ([], e);
        }
        var primary = config.ClusterDomain;
        var list = new List<DnsBackendRecord>();
        if (view.ServiceByClusterIP(ip) is { } svc)
            list.Add(new DnsBackendRecord(null, Join($"{svc.Name}.{svc.Namespace}.{Svc}", primary), null, 0, name, Ttl));
        else
            foreach (var ep in view.EndpointsByIP(ip))
                foreach (var a in ep.Addresses)
                    if (a.IP == DnsIP.From(ip))
                        list.Add(new DnsBackendRecord(null, Join($"{a.EndpointName()}.{ep.Index}.{Svc}", primary), null, 0, name, Ttl));
        return (list, list.Count == 0 ? DnsLookupError.NoItems : DnsLookupError.None);
    }

    private bool IsDefaultNs(string name) =>
        name.StartsWith("ns.dns.", StringComparison.Ordinal) && name.Length == 7 + zone.Length && DnsNames.IsSubDomain(zone, name);

    /// <summary>nsAddrs (ns.go): the Service whose endpoints hold the server's own address (its ClusterIPs, or the
    /// endpoint names of a headless one); ns.dns.&lt;zone&gt; with the server's addresses when no endpoint holds them.
    /// Without known local addresses: the kube-dns Service in kube-system.</summary>
    public List<(string Name, IPAddress Ip)> NsAddresses()
    {
        var result = new List<(string, IPAddress)>();
        if (config.LocalAddresses.Count == 0)
        {
            if (view.Service("kube-dns", "kube-system") is { } kubeDns)
                foreach (var ep in view.Endpoints("kube-dns", "kube-system").DefaultIfEmpty())
                    AddNsService(result, kubeDns, ep);
            return result;
        }
        var found = false;
        foreach (var local in config.LocalAddresses)
            foreach (var ep in view.EndpointsByIP(local))
            {
                found = true;
                if (view.Service(ep.Service, ep.Namespace) is { } svc) AddNsService(result, svc, ep);
            }
        if (!found)
            foreach (var local in config.LocalAddresses) result.Add((Join("ns.dns", zone), local));
        return result;
    }

    private void AddNsService(List<(string, IPAddress)> result, DnsService svc, DnsEndpoints? ep)
    {
        var svcName = Join($"{svc.Name}.{svc.Namespace}.{Svc}", zone);
        if (svc.Kind == DnsServiceKind.Headless)
        {
            if (ep is null) return;
            foreach (var a in ep.Addresses) result.Add((a.EndpointName() + "." + svcName, a.IP.ToIPAddress()));
        }
        else if (ep is not null || config.LocalAddresses.Count == 0)
        {
            // With local addresses CoreDNS adds the ClusterIPs once per endpoints object holding them; without, once.
            if (config.LocalAddresses.Count == 0 && result.Exists(x => x.Item1 == svcName)) return;
            foreach (var ip in svc.ClusterIPs) result.Add((svcName, ip));
        }
    }

    private (List<DnsBackendRecord>, DnsLookupError) FindPods(Request r)
    {
        if (config.Pods == PodsMode.Disabled) return ([], DnsLookupError.NoItems);
        if (!view.NamespaceExists(r.Namespace)) return ([], DnsLookupError.NoItems);
        var podName = r.Service;
        if (podName == "") return ([], DnsLookupError.None);
        // a-b-c-d is IPv4; anything else is IPv6 with dashes for colons ("fd00--1").
        var text = podName.Count(c => c == '-') == 3 && !podName.Contains("--") ? podName.Replace('-', '.') : podName.Replace('-', ':');
        if (DnsNames.ParseIP(text) is not { } ip) return ([], DnsLookupError.NoItems);
        var domain = Join($"{podName}.{r.Namespace}.{Pod}", zone);
        if (config.Pods == PodsMode.Insecure)
            return ([new DnsBackendRecord(ip, null, null, 0, domain, Ttl)], DnsLookupError.None);
        var list = new List<DnsBackendRecord>();
        foreach (var ns in view.PodNamespacesByIP(ip))
            if (ns == r.Namespace) list.Add(new DnsBackendRecord(ip, null, null, 0, domain, Ttl));
        return (list, list.Count == 0 ? DnsLookupError.NoItems : DnsLookupError.None);
    }

    private (List<DnsBackendRecord>, DnsLookupError) FindServices(Request r)
    {
        if (!view.NamespaceExists(r.Namespace)) return ([], DnsLookupError.NoItems);
        if (r.Service == "") return ([], DnsLookupError.None);
        var error = DnsLookupError.NoItems;
        var list = new List<DnsBackendRecord>();
        if (view.Service(r.Service, r.Namespace) is not { } svc) return (list, error);
        var svcDomain = Join($"{svc.Name}.{svc.Namespace}.{Svc}", zone);

        if (svc.Kind == DnsServiceKind.ExternalName)
        {
            // No endpoints and no port/protocol labels under an ExternalName; an IP address as its name is no CNAME.
            if (r.Endpoint != "" || r.Port != "" || r.Protocol != "") return (list, error);
            var host = svc.ExternalName ?? "";
            if (DnsNames.ParseIP(host) is null)
            {
                list.Add(new DnsBackendRecord(null, host, null, 0, svcDomain, Ttl));
                error = DnsLookupError.None;
            }
            return (list, error);
        }

        if (svc.Kind == DnsServiceKind.Headless || r.Endpoint != "")
        {
            foreach (var ep in view.Endpoints(svc.Name, svc.Namespace))
                foreach (var a in ep.Addresses)
                {
                    var epName = a.EndpointName();
                    if (r.Endpoint != "" && !Match(r.Endpoint, epName)) continue;
                    foreach (var p in ep.Ports)
                    {
                        if (!MatchPortAndProtocol(r.Port, p.Name, r.Protocol, p.Protocol)) continue;
                        list.Add(new DnsBackendRecord(a.IP.ToIPAddress(), null, null, p.Port, epName + "." + svcDomain, Ttl));
                        error = DnsLookupError.None;
                    }
                }
            return (list, error);
        }

        foreach (var p in svc.Ports)
        {
            if (!MatchPortAndProtocol(r.Port, p.Name, r.Protocol, p.Protocol)) continue;
            error = DnsLookupError.None;
            foreach (var ip in svc.ClusterIPs) list.Add(new DnsBackendRecord(ip, null, null, p.Port, svcDomain, Ttl));
        }
        return (list, error);
    }

    private static bool Match(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool MatchPortAndProtocol(string aPort, string bPort, string aProtocol, string bProtocol) =>
        (aPort == "" || Match(aPort, bPort)) && (aProtocol == "" || Match(aProtocol, bProtocol));

    private sealed record Request(string PodOrSvc = "", string Namespace = "", string Service = "", string Endpoint = "", string Port = "", string Protocol = "");

    /// <summary>parseRequest (parse.go): [_port._protocol.|endpoint.]service.namespace.svc|pod.zone.</summary>
    private (Request, DnsLookupError) Parse(string name)
    {
        var empty = new Request();
        var bare = DnsNames.TrimZone(name, zone);
        if (bare is "" or Svc or Pod) return (empty, DnsLookupError.None);   // NODATA at the apex
        var segs = DnsNames.Split(bare);
        var last = segs.Length - 1;
        var podOrSvc = segs[last];
        if (podOrSvc != Pod && podOrSvc != Svc) return (empty, DnsLookupError.InvalidRequest);
        if (--last < 0) return (new Request(podOrSvc), DnsLookupError.None);
        var ns = segs[last];
        if (--last < 0) return (new Request(podOrSvc, ns), DnsLookupError.None);
        var service = segs[last];
        if (--last < 0) return (new Request(podOrSvc, ns, service), DnsLookupError.None);
        return last switch
        {
            0 => (new Request(podOrSvc, ns, service, Endpoint: segs[0]), DnsLookupError.None),
            1 => (new Request(podOrSvc, ns, service, Protocol: StripUnderscore(segs[1]), Port: StripUnderscore(segs[0])), DnsLookupError.None),
            _ => (empty, DnsLookupError.InvalidRequest),   // too long
        };
    }

    private static string StripUnderscore(string s) => s.Length > 0 && s[0] == '_' ? s[1..] : s;
}
