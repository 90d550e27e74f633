// How CoreDNS turns backend candidates into resource records (plugin/backend_lookup.go: A, AAAA, TXT, CNAME, PTR,
// SRV, NS, SOA): duplicate suppression, CNAME chasing inside the zone, SRV weights and the additional section.
namespace Kinet.Model.Dns;

internal static class BackendLookup
{
    private const int MaxCnameChainLength = 10;

    /// <summary>A or AAAA records for <paramref name="owner"/> (as asked); CNAMEs to names inside the zone are followed,
    /// CNAMEs to names outside it are returned alone (CoreDNS asks its upstream for the rest; see ClusterDnsResolver).</summary>
    public static (List<DnsRecord> Records, DnsLookupError Error) Address(KubernetesBackend b, string owner, DnsType qtype, List<DnsRecord> previous)
    {
        var name = owner.ToLowerInvariant();
        var (services, error) = b.Services(name, qtype);
        var records = new List<DnsRecord>();
        if (error != DnsLookupError.None) return (records, error);
        var seen = new HashSet<System.Net.IPAddress>();
        foreach (var s in services)
        {
            var type = s.HostType;
            if (type == DnsType.CNAME)
            {
                var target = DnsNames.Fqdn(s.Host!);
                if (DnsNames.IsSubDomain(name, target)) continue;   // x CNAME x (or below x) is a loop
                var cname = new CnameRecord(owner, s.Ttl, target);
                if (previous.Count > MaxCnameChainLength) continue;
                if (previous.Exists(r => r is CnameRecord c && c.Target == target)) continue;
                if (DnsNames.IsSubDomain(b.Zone, target))
                {
                    var (next, nextError) = Address(b, target, qtype, [.. previous, cname]);
                    if (nextError == DnsLookupError.None && next.Count > 0)
                    {
                        records.Add(cname);
                        records.AddRange(next);
                    }
                    continue;
                }
                records.Add(cname);
                continue;
            }
            if (type != qtype) continue;
            var ip = qtype == DnsType.A ? DnsNames.AsV4(s.Ip!)! : s.Ip!;
            if (seen.Add(s.Ip!)) records.Add(new AddressRecord(owner, s.Ttl, ip));
        }
        return (records, DnsLookupError.None);
    }

    public static (List<DnsRecord>, DnsLookupError) Txt(KubernetesBackend b, string owner)
    {
        var (services, error) = b.Services(owner.ToLowerInvariant(), DnsType.TXT);
        var records = new List<DnsRecord>();
        if (error != DnsLookupError.None) return (records, error);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in services)
            if (s.Text is { } text && seen.Add(text)) records.Add(new TxtRecord(owner, s.Ttl, [text]));
        return (records, DnsLookupError.None);
    }

    public static (List<DnsRecord>, DnsLookupError) Cname(KubernetesBackend b, string owner)
    {
        var (services, error) = b.Services(owner.ToLowerInvariant(), DnsType.CNAME);
        var records = new List<DnsRecord>();
        if (error != DnsLookupError.None) return (records, error);
        if (services.Count > 0 && services[0].HostType == DnsType.CNAME)
            records.Add(new CnameRecord(owner, services[0].Ttl, DnsNames.Fqdn(services[0].Host!)));
        return (records, DnsLookupError.None);
    }

    public static (List<DnsRecord>, DnsLookupError) Ptr(KubernetesBackend b, string owner)
    {
        var (services, error) = b.Reverse(owner.ToLowerInvariant());
        var records = new List<DnsRecord>();
        if (error != DnsLookupError.None) return (records, error);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in services)
            if (s.Host is { } host && seen.Add(host)) records.Add(new PtrRecord(owner, s.Ttl, DnsNames.Fqdn(host)));
        return (records, DnsLookupError.None);
    }

    /// <summary>SRV: priority 0, weight 100/n (n candidates, ports -1 included), the candidate's domain as target,
    /// its address in the additional section once per (target, address).</summary>
    public static (List<DnsRecord>, List<DnsRecord>, DnsLookupError) Srv(KubernetesBackend b, string owner)
    {
        var (services, error) = b.Services(owner.ToLowerInvariant(), DnsType.SRV);
        var records = new List<DnsRecord>();
        var extra = new List<DnsRecord>();
        if (error != DnsLookupError.None) return (records, extra, error);
        var total = 100 * services.Count;   // every candidate weighs 100 at priority 0
        var seenSrv = new HashSet<(string, int)>();
        var seenAddress = new HashSet<(string, System.Net.IPAddress)>();
        foreach (var s in services)
        {
            if (s.Port == -1 || s.Ip is null) continue;
            var weight = (ushort)Math.Floor(100.0 / total * 100);
            if (weight == 0) weight = 1;
            var target = DnsNames.Fqdn(s.Domain);
            if (seenSrv.Add((target, (ushort)s.Port))) records.Add(new SrvRecord(owner, s.Ttl, 0, weight, (ushort)s.Port, target));
            if (seenAddress.Add((target, s.Ip)))
                extra.Add(new AddressRecord(target, s.Ttl, s.HostType == DnsType.A ? DnsNames.AsV4(s.Ip)! : s.Ip));
        }
        return (records, extra, DnsLookupError.None);
    }

    /// <summary>NS at the apex: one NS per name of the DNS Service, its addresses in the additional section.</summary>
    public static (List<DnsRecord>, List<DnsRecord>) Ns(KubernetesBackend b, string owner)
    {
        var (services, _) = b.Services(KubernetesBackend.Join("ns.dns", b.Zone).ToLowerInvariant(), DnsType.NS);
        var records = new List<DnsRecord>();
        var extra = new List<DnsRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in services)
        {
            var target = DnsNames.Fqdn(s.Domain);
            extra.Add(new AddressRecord(target, s.Ttl, s.HostType == DnsType.A ? DnsNames.AsV4(s.Ip!)! : s.Ip!));
            if (seen.Add(target)) records.Add(new NsRecord(owner, s.Ttl, target));
        }
        return (records, extra);
    }

    /// <summary>The zone's SOA: TTL min(ttl, 300), minimum ttl; ns.dns.&lt;zone&gt; and hostmaster.&lt;zone&gt;.</summary>
    public static SoaRecord Soa(KubernetesBackend b) => new(b.Zone, Math.Min(b.Ttl, 300u),
        KubernetesBackend.Join("ns.dns", b.Zone), KubernetesBackend.Join("hostmaster", b.Zone), b.View.Serial, 7200, 1800, 86400, b.Ttl);
}
