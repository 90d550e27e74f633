// Answers for the synthetic cluster, written by hand to the DNS specification's shapes (A for ClusterIP Services, one A
// per endpoint for headless ones, SRV for the named port, NXDOMAIN with the SOA otherwise). Used only while the real
// record logic (Kinet.Model.Dns.ClusterDnsResolver) is not available; the benchmark prefers the real one.
using System.Net;
using Kinet.Model.Dns;

namespace Kinet.Bench.Dns;

internal static class FakeClusterAnswers
{
    public static Func<string, DnsType, DnsAnswer> Build(int services, int endpoints, uint ttl)
    {
        var soa = new SoaRecord("cluster.local.", ttl, "ns.dns.cluster.local.", "hostmaster.cluster.local.", 1700000000, 7200, 1800, 86400, ttl);
        var records = new Dictionary<string, List<DnsRecord>>(StringComparer.Ordinal);
        void Add(DnsRecord r)
        {
            if (!records.TryGetValue(r.Name, out var list)) records[r.Name] = list = [];
            list.Add(r);
        }
        for (var i = 0; i < services; i++)
        {
            var name = $"{SyntheticCluster.Name(i)}.{SyntheticCluster.Namespace(i)}.svc.cluster.local.";
            if (SyntheticCluster.Headless(i))
                for (var e = 0; e < endpoints; e++) Add(new AddressRecord(name, ttl, IPAddress.Parse(SyntheticCluster.EndpointIp(i, e))));
            else
            {
                Add(new AddressRecord(name, ttl, IPAddress.Parse(SyntheticCluster.ClusterIp(i))));
                Add(new SrvRecord("_http._tcp." + name, ttl, 0, 100, 80, name));
            }
        }
        return (qname, qtype) =>
        {
            if (!qname.EndsWith(".cluster.local.", StringComparison.Ordinal)) return DnsAnswer.Outside;
            if (!records.TryGetValue(qname, out var all)) return new DnsAnswer(DnsAnswerKind.Authoritative, DnsRcode.NxDomain, [], [soa], []);
            var matching = all.Where(r => r.Type == qtype).ToList();
            return new DnsAnswer(DnsAnswerKind.Authoritative, DnsRcode.NoError, matching, matching.Count == 0 ? [soa] : [], []);
        };
    }
}
