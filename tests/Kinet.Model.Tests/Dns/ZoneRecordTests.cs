// Records of the zone itself: dns-version TXT (DNS spec 2.2), SOA and NS at the apex (CoreDNS's plugin.SOA/NS and
// ns.go), the SOA in the authority section of negative answers, other types. Fixture: see DnsFixture's Conventions.
using System.Net;
using Kinet.Model.Dns;
using static Kinet.Model.Dns.DnsRcode;
using static Kinet.Model.Dns.DnsType;
using static Kinet.Model.Tests.Dns.DnsFixture;

namespace Kinet.Model.Tests.Dns;

public class ZoneRecordTests
{
    private const string KubeDnsNs = "cluster.local.\t5\tIN\tNS\tkube-dns.kube-system.svc.cluster.local.";
    private const string KubeDnsA = "kube-dns.kube-system.svc.cluster.local.\t5\tIN\tA\t10.96.0.10";

    public static readonly DnsCase[] Cases =
    [
        new("dns-version.cluster.local.", TXT, NoError, ["dns-version.cluster.local.\t28800\tIN\tTXT\t\"1.1.0\""]),
        new("DNS-Version.cluster.local", TXT, NoError, ["DNS-Version.cluster.local.\t28800\tIN\tTXT\t\"1.1.0\""]),
        new("dns-version.cluster.local.", A, NxDomain, [], [Soa]),
        // TXT of a name with other records: NODATA; of a name with none: NXDOMAIN (CoreDNS, even for the apex).
        new("svc1.testns.svc.cluster.local.", TXT, NoError, [], [Soa]),
        new("svc0.svc-nons.svc.cluster.local.", TXT, NxDomain, [], [Soa]),
        new("cluster.local.", TXT, NxDomain, [], [Soa]),
        new("cluster.local.", SOA, NoError, [Soa]),
        new("svc1.testns.svc.cluster.local.", SOA, NoError, [], [Soa]),
        new("cluster.local.", NS, NoError, [KubeDnsNs], Extra: [KubeDnsA]),
        new("ns.dns.cluster.local.", A, NoError, ["ns.dns.cluster.local.\t5\tIN\tA\t10.96.0.10"]),
        new("ns.dns.cluster.local.", AAAA, NoError, [], [Soa]),
        new("svc.cluster.local.", NS, NoError, [], [Soa]),
        new("testns.svc.cluster.local.", NS, NoError, [], [Soa]),
        new("foo.cluster.local.", NS, NxDomain, [], [Soa]),
        new("foo.svc.cluster.local.", NS, NxDomain, [], [Soa]),
        // Types the plugin has no records of: NODATA where the name exists, else NXDOMAIN.
        new("svc1.testns.svc.cluster.local.", (DnsType)15, NoError, [], [Soa]),
        new("svc0.testns.svc.cluster.local.", (DnsType)15, NxDomain, [], [Soa]),
        new("svc1.testns.svc.cluster.local.", ANY, NoError, [], [Soa]),
        new("svc1.testns.svc.cluster.local.", (DnsType)65535, NoError, [], [Soa]),
        new("svc1.testns.svc.cluster.local.", (DnsType)0, NoError, [], [Soa]),
    ];

    [Fact]
    public void The_zone_answers_version_SOA_NS_and_other_types_as_CoreDNS() => Check(Cases);

    [Fact]
    public void NS_names_the_service_whose_endpoints_hold_the_servers_address() =>
        Check([new("cluster.local.", NS, NoError, [KubeDnsNs], Extra: [KubeDnsA])],
            config: Config with { LocalAddresses = [IPAddress.Parse("10.244.0.5")] });

    [Fact]
    public void NS_is_ns_dns_with_the_servers_address_when_no_endpoint_holds_it() =>
        Check([
            new("cluster.local.", NS, NoError, ["cluster.local.\t5\tIN\tNS\tns.dns.cluster.local."],
                Extra: ["ns.dns.cluster.local.\t5\tIN\tA\t10.1.1.1"]),
            new("ns.dns.cluster.local.", A, NoError, ["ns.dns.cluster.local.\t5\tIN\tA\t10.1.1.1"]),
        ], config: Config with { LocalAddresses = [IPAddress.Parse("10.1.1.1")] });

    [Fact]
    public void The_SOA_TTL_is_capped_at_300_and_its_minimum_is_the_configured_TTL() =>
        Check([
            new("svc1.testns.svc.cluster.local.", A, NoError, ["svc1.testns.svc.cluster.local.\t3600\tIN\tA\t10.0.0.1"]),
            new("svc0.testns.svc.cluster.local.", A, NxDomain, [],
                ["cluster.local.\t300\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1499347823 7200 1800 86400 3600"]),
        ], config: Config with { Ttl = 3600 });

    [Fact]
    public void Zone_transfers_are_refused()
    {
        var answer = ClusterDnsResolver.Resolve(View, Config, "cluster.local.", (DnsType)252);
        Assert.Equal((DnsAnswerKind.Authoritative, DnsRcode.Refused), (answer.Kind, answer.Rcode));
    }
}
