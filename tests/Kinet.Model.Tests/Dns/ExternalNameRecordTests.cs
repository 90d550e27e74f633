// ExternalName Services (DNS spec 2.4.4; CoreDNS's backend_lookup.go CNAME handling): a CNAME, for A/AAAA queries too;
// a target inside the zone is followed, one outside it is left to the server (CoreDNS asks its upstream).
// Fixture: see DnsFixture's Conventions.
using Kinet.Model.Dns;
using static Kinet.Model.Dns.DnsRcode;
using static Kinet.Model.Dns.DnsType;
using static Kinet.Model.Tests.Dns.DnsFixture;

namespace Kinet.Model.Tests.Dns;

public class ExternalNameRecordTests
{
    public static readonly DnsCase[] Cases =
    [
        new("external.testns.svc.cluster.local.", CNAME, NoError, ["external.testns.svc.cluster.local.\t5\tIN\tCNAME\text.interwebs.test."]),
        new("external.testns.svc.cluster.local.", A, NoError, ["external.testns.svc.cluster.local.\t5\tIN\tCNAME\text.interwebs.test."]),
        new("external.testns.svc.cluster.local.", AAAA, NoError, ["external.testns.svc.cluster.local.\t5\tIN\tCNAME\text.interwebs.test."]),
        new("external-to-service.testns.svc.cluster.local", A, NoError,
        [
            "external-to-service.testns.svc.cluster.local.\t5\tIN\tCNAME\tsvc1.testns.svc.cluster.local.",
            "svc1.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.1",
        ]),
        // Followed inside the zone to a name without AAAA: nothing to add, NODATA.
        new("external-to-service.testns.svc.cluster.local.", AAAA, NoError, [], [Soa]),
        new("external.testns.svc.cluster.local.", TXT, NoError, [], [Soa]),
        // Nothing lives below an ExternalName Service.
        new("endpoint.external.testns.svc.cluster.local.", CNAME, NxDomain, [], [Soa]),
        new("subdomain.subdomain.external.testns.svc.cluster.local.", CNAME, NxDomain, [], [Soa]),
        new("endpoint.external.testns.svc.cluster.local.", A, NxDomain, [], [Soa]),
        // An address as the external name is no CNAME target (CoreDNS: NXDOMAIN).
        new("external-ip.testns.svc.cluster.local.", A, NxDomain, [], [Soa]),
        // CNAME queries for other Services: NODATA if they exist.
        new("svc1.testns.svc.cluster.local.", CNAME, NoError, [], [Soa]),
        new("hdls-empty.testns.svc.cluster.local.", CNAME, NxDomain, [], [Soa]),
    ];

    [Fact]
    public void ExternalName_services_answer_a_CNAME() => Check(Cases);

    [Fact]
    public void A_CNAME_comes_before_the_records_of_its_target() =>
        Assert.Equal([DnsType.CNAME, DnsType.A],
            ClusterDnsResolver.Resolve(View, Config, "external-to-service.testns.svc.cluster.local.", DnsType.A).Answer.Select(r => r.Type));

    [Fact]
    public void A_CNAME_loop_inside_the_zone_ends()
    {
        var view = ClusterDnsView.Build(
            [External("a", "testns", "b.testns.svc.cluster.local"), External("b", "testns", "a.testns.svc.cluster.local")],
            [], [], [new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = "testns" } }], Serial);
        var answer = ClusterDnsResolver.Resolve(view, Config, "a.testns.svc.cluster.local.", DnsType.A);
        Assert.Equal(DnsRcode.NoError, answer.Rcode);
        Assert.Empty(answer.Answer);
    }
}
