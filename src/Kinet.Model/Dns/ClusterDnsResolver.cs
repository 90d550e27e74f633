// The record logic: one question against one view and config → rcode and records, exactly as the Kubernetes DNS
// specification 1.1.0 and CoreDNS's kubernetes plugin answer it (plugin/kubernetes/handler.go ServeDNS). Pure; used
// by the server and by analysis commands.
// SEAM (written before the helpers started): the record helper implements it.
//
// Where a pure function cannot do what CoreDNS does: an ExternalName (or a CNAME chain) leaving the zones is answered
// with the CNAME alone — CoreDNS would append its upstream's answer for the target; the server may do that.
namespace Kinet.Model.Dns;

public static class ClusterDnsResolver
{
    private const DnsType Axfr = (DnsType)252, Ixfr = (DnsType)251;

    /// <summary>Answers <paramref name="qname"/> (any case, with or without the trailing dot) of type
    /// <paramref name="qtype"/>. Names outside <c>config.Zones</c> give <see cref="DnsAnswer.Outside"/>.</summary>
    public static DnsAnswer Resolve(ClusterDnsView view, ClusterDnsConfig config, string qname, DnsType qtype)
    {
        var owner = DnsNames.Fqdn(qname ?? "");
        var name = owner.ToLowerInvariant();
        if (DnsNames.MatchZone(config.Zones, name) is not { } zoneLower) return DnsAnswer.Outside;
        var zone = zoneLower == "." ? "." : owner[^zoneLower.Length..];   // the zone as the question spells it
        var b = new KubernetesBackend(view, config, zone);

        List<DnsRecord> records = [], extra = [];
        var error = DnsLookupError.None;
        switch (qtype)
        {
            case DnsType.A:
            case DnsType.AAAA:
                (records, error) = BackendLookup.Address(b, owner, qtype, []);
                break;
            case DnsType.TXT:
                (records, error) = BackendLookup.Txt(b, owner);
                break;
            case DnsType.CNAME:
                (records, error) = BackendLookup.Cname(b, owner);
                break;
            case DnsType.PTR:
                (records, error) = BackendLookup.Ptr(b, owner);
                break;
            case DnsType.SRV:
                (records, extra, error) = BackendLookup.Srv(b, owner);
                break;
            case DnsType.SOA:
                if (string.Equals(name, zoneLower, StringComparison.OrdinalIgnoreCase)) records = [BackendLookup.Soa(b)];
                break;
            case Axfr or Ixfr:
                // Zone transfers are not served (CoreDNS without the transfer plugin refuses them).
                return new DnsAnswer(DnsAnswerKind.Authoritative, DnsRcode.Refused, [], [], []);
            case DnsType.NS when string.Equals(name, zoneLower, StringComparison.OrdinalIgnoreCase):
                (records, extra) = BackendLookup.Ns(b, owner);
                break;
            default:
                // Any other type only tells NODATA from NXDOMAIN, by an A lookup. (CoreDNS's MX path gives the same:
                // the kubernetes backend has no mail records.)
                (_, error) = BackendLookup.Address(b, owner, DnsType.A, []);
                break;
        }

        if (error != DnsLookupError.None)
        {
            if (DnsNames.MatchZone(config.Fallthrough, name) is not null) return DnsAnswer.Outside;
            return new DnsAnswer(DnsAnswerKind.Authoritative, DnsRcode.NxDomain, [], [BackendLookup.Soa(b)], []);
        }
        if (records.Count == 0)
            return new DnsAnswer(DnsAnswerKind.Authoritative, DnsRcode.NoError, [], [BackendLookup.Soa(b)], []);
        return new DnsAnswer(DnsAnswerKind.Authoritative, DnsRcode.NoError, records, [], extra);
    }
}
