// A/AAAA records of ClusterIP and headless Services and their endpoints (DNS spec 2.4.1, 2.4.2; CoreDNS's
// handler_test.go cases ported where they apply). Fixture: see DnsFixture's Conventions.
using Kinet.Model.Dns;
using static Kinet.Model.Dns.DnsRcode;
using static Kinet.Model.Dns.DnsType;
using static Kinet.Model.Tests.Dns.DnsFixture;

namespace Kinet.Model.Tests.Dns;

public class ServiceRecordTests
{
    public static readonly DnsCase[] ClusterIP =
    [
        new("svc1.testns.svc.cluster.local.", A, NoError, ["svc1.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.1"]),
        new("svcempty.testns.svc.cluster.local.", A, NoError, ["svcempty.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.1"]),
        new("svc1.testns.svc.cluster.local.", AAAA, NoError, [], [Soa]),
        new("svc6.testns.svc.cluster.local.", AAAA, NoError, ["svc6.testns.svc.cluster.local.\t5\tIN\tAAAA\t1234:abcd::1"]),
        new("svc6.testns.svc.cluster.local.", A, NoError, [], [Soa]),
        new("svc-dual-stack.testns.svc.cluster.local.", A, NoError, ["svc-dual-stack.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.3"]),
        new("svc-dual-stack.testns.svc.cluster.local.", AAAA, NoError, ["svc-dual-stack.testns.svc.cluster.local.\t5\tIN\tAAAA\t10::3"]),
        // One A record however many ports the Service has.
        new("multi.testns.svc.cluster.local.", A, NoError, ["multi.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.5"]),
        new("kube-dns.kube-system.svc.cluster.local.", A, NoError, ["kube-dns.kube-system.svc.cluster.local.\t5\tIN\tA\t10.96.0.10"]),
        // Without the trailing dot, and in any case: the owner name is written as asked.
        new("svc1.testns.svc.cluster.local", A, NoError, ["svc1.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.1"]),
        new("SVC1.TestNS.svc.Cluster.Local.", A, NoError, ["SVC1.TestNS.svc.Cluster.Local.\t5\tIN\tA\t10.0.0.1"]),
        new("svc1.testns.svc.CLUSTER.LOCAL.", AAAA, NoError, [],
            ["CLUSTER.LOCAL.\t5\tIN\tSOA\tns.dns.CLUSTER.LOCAL. hostmaster.CLUSTER.LOCAL. 1499347823 7200 1800 86400 5"]),
        // A ClusterIP Service's endpoint names resolve too (CoreDNS: an endpoint label selects endpoints of any Service).
        new("ep1a.svc1.testns.svc.cluster.local.", A, NoError, ["ep1a.svc1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.1"]),
    ];

    public static readonly DnsCase[] Missing =
    [
        new("svc0.testns.svc.cluster.local.", A, NxDomain, [], [Soa]),
        new("svc0.testns.svc.cluster.local.", AAAA, NxDomain, [], [Soa]),
        new("svc0.svc-nons.svc.cluster.local.", A, NxDomain, [], [Soa]),
        // The Service exists but its namespace does not.
        new("svc1.unexposedns.svc.cluster.local.", A, NxDomain, [], [Soa]),
        new("bogusendpoint.svc0.testns.svc.cluster.local.", A, NxDomain, [], [Soa]),
        new("bogusendpoint.svc1.testns.svc.cluster.local.", A, NxDomain, [], [Soa]),
        // Names too long for the schema, or not under svc/pod.
        new("a.b.c.svc1.testns.svc.cluster.local.", A, NxDomain, [], [Soa]),
        new("svc1.testns.cluster.local.", A, NxDomain, [], [Soa]),
        new("foo.cluster.local.", A, NxDomain, [], [Soa]),
        new("svc1..svc.cluster.local.", A, NxDomain, [], [Soa]),
    ];

    public static readonly DnsCase[] Apex =
    [
        // The zone, svc.<zone>, pod.<zone> and an existing namespace exist without records: NODATA.
        new("cluster.local.", A, NoError, [], [Soa]),
        new("svc.cluster.local.", A, NoError, [], [Soa]),
        new("pod.cluster.local.", A, NoError, [], [Soa]),
        new("testns.svc.cluster.local.", A, NoError, [], [Soa]),
        new("testns.pod.cluster.local.", A, NoError, [], [Soa]),
        new("nonexistent.svc.cluster.local.", A, NxDomain, [], [Soa]),
    ];

    public static readonly DnsCase[] Headless =
    [
        new("hdls1.testns.svc.cluster.local.", A, NoError,
        [
            "hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.2", "hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.3",
            "hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.4", "hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.5",
        ]),
        new("hdls1.testns.svc.cluster.local.", AAAA, NoError,
            ["hdls1.testns.svc.cluster.local.\t5\tIN\tAAAA\t5678:abcd::1", "hdls1.testns.svc.cluster.local.\t5\tIN\tAAAA\t5678:abcd::2"]),
        new("hdlsprtls.testns.svc.cluster.local.", A, NoError, ["hdlsprtls.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.20"]),
        // Ready endpoints only; a ready condition that is not set counts as ready.
        new("web.testns.svc.cluster.local.", A, NoError,
        [
            "web.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.41", "web.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.42",
            "web.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.43",
        ]),
        // No ready endpoint: NXDOMAIN for every type, as CoreDNS.
        new("hdls-empty.testns.svc.cluster.local.", A, NxDomain, [], [Soa]),
        new("hdls-empty.testns.svc.cluster.local.", AAAA, NxDomain, [], [Soa]),
        new("hdls-empty.testns.svc.cluster.local.", SRV, NxDomain, [], [Soa]),
        new("hdls-empty.testns.svc.cluster.local.", TXT, NxDomain, [], [Soa]),
        // A headless Service with IPv4 endpoints only, asked for AAAA: NODATA.
        new("web.testns.svc.cluster.local.", AAAA, NoError, [], [Soa]),
    ];

    public static readonly DnsCase[] Endpoints =
    [
        new("172-0-0-2.hdls1.testns.svc.cluster.local.", A, NoError, ["172-0-0-2.hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.2"]),
        new("172-0-0-3.hdls1.testns.svc.cluster.local.", A, NoError, ["172-0-0-3.hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.3"]),
        new("5678-abcd--1.hdls1.testns.svc.cluster.local.", AAAA, NoError, ["5678-abcd--1.hdls1.testns.svc.cluster.local.\t5\tIN\tAAAA\t5678:abcd::1"]),
        new("5678-abcd--2.hdls1.testns.svc.cluster.local", AAAA, NoError, ["5678-abcd--2.hdls1.testns.svc.cluster.local.\t5\tIN\tAAAA\t5678:abcd::2"]),
        new("172-0-0-20.hdlsprtls.testns.svc.cluster.local.", A, NoError, ["172-0-0-20.hdlsprtls.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.20"]),
        new("dup-name.hdls1.testns.svc.cluster.local.", A, NoError,
            ["dup-name.hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.4", "dup-name.hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.5"]),
        new("web-0.web.testns.svc.cluster.local.", A, NoError, ["web-0.web.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.41"]),
        // An endpoint with a hostname is not also known by its dashed address; a not-ready endpoint has no name.
        new("172-0-0-41.web.testns.svc.cluster.local.", A, NxDomain, [], [Soa]),
        new("172-0-0-44.web.testns.svc.cluster.local.", A, NxDomain, [], [Soa]),
        new("bogusendpoint.hdls1.testns.svc.cluster.local.", A, NxDomain, [], [Soa]),
        new("dup-name.hdls1.testns.svc.cluster.local.", AAAA, NoError, [], [Soa]),
    ];

    [Fact]
    public void ClusterIP_services_answer_their_cluster_IPs() => Check(ClusterIP);

    [Fact]
    public void Missing_services_namespaces_and_malformed_names_are_NXDOMAIN() => Check(Missing);

    [Fact]
    public void The_zone_apex_and_existing_namespaces_answer_NODATA() => Check(Apex);

    [Fact]
    public void Headless_services_answer_one_record_per_ready_endpoint() => Check(Headless);

    [Fact]
    public void Endpoints_are_named_by_hostname_or_dashed_address() => Check(Endpoints);
}
