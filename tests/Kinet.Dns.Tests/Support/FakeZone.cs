// A stand-in for the record logic in server tests: answers from a table of zone-file records under cluster.local
// (NOERROR with the records, NOERROR/NODATA or NXDOMAIN with the SOA), Outside elsewhere.
using System.Net;
using Kinet.Dns.Serving;
using Kinet.Model.Dns;

namespace Kinet.Dns.Tests.Support;

internal static class FakeZone
{
    public static readonly SoaRecord Soa = new("cluster.local.", 5, "ns.dns.cluster.local.", "hostmaster.cluster.local.", 1700000000, 7200, 1800, 86400, 5);

    public static DnsZone Of(IEnumerable<DnsRecord> records, ClusterDnsConfig? config = null)
    {
        var byName = records.GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.ToList());
        return new DnsZone(config ?? new ClusterDnsConfig(), (name, type) =>
        {
            if (!name.EndsWith(".cluster.local.", StringComparison.Ordinal) && name != "cluster.local.") return DnsAnswer.Outside;
            if (!byName.TryGetValue(name, out var all))
                return new DnsAnswer(DnsAnswerKind.Authoritative, DnsRcode.NxDomain, [], [Soa], []);
            var matching = all.Where(r => r.Type == type).ToList();
            return matching.Count > 0
                ? new DnsAnswer(DnsAnswerKind.Authoritative, DnsRcode.NoError, matching, [], [])
                : new DnsAnswer(DnsAnswerKind.Authoritative, DnsRcode.NoError, [], [Soa], []);
        });
    }

    public static AddressRecord A(string name, string ip, uint ttl = 5) => new(name, ttl, IPAddress.Parse(ip));

    /// <summary>A Service with one ClusterIP, a headless one with <paramref name="headlessEndpoints"/> endpoints, an SRV.</summary>
    public static DnsZone Sample(int headlessEndpoints = 3, ClusterDnsConfig? config = null) => Of(
        [
            A("svc1.testns.svc.cluster.local.", "10.0.0.1"),
            .. Enumerable.Range(1, headlessEndpoints).Select(i => A("hdls1.testns.svc.cluster.local.", $"172.0.{i / 250}.{i % 250 + 1}")),
            new SrvRecord("_http._tcp.svc1.testns.svc.cluster.local.", 5, 0, 100, 80, "svc1.testns.svc.cluster.local."),
            new TxtRecord("dns-version.cluster.local.", 5, ["1.1.0"]),
        ], config);
}
