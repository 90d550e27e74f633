// SRV records (DNS spec 2.4.1/2.4.2 and CoreDNS's plugin.SRV): `_<port>._<proto>.<svc>.<ns>.svc.<zone>` for named
// ports, and the name without the port labels (every port). Priority 0, weight 100/n over the n candidates
// (duplicates and portless ones included), target the Service name or the endpoint's name, its address in the
// additional section. Fixture: see DnsFixture's Conventions.
using Kinet.Model.Dns;
using static Kinet.Model.Dns.DnsRcode;
using static Kinet.Model.Dns.DnsType;
using static Kinet.Model.Tests.Dns.DnsFixture;

namespace Kinet.Model.Tests.Dns;

public class SrvRecordTests
{
    public static readonly DnsCase[] ClusterIP =
    [
        new("svc1.testns.svc.cluster.local.", SRV, NoError, ["svc1.testns.svc.cluster.local.\t5\tIN\tSRV\t0 100 80 svc1.testns.svc.cluster.local."],
            Extra: ["svc1.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.1"]),
        new("svcempty.testns.svc.cluster.local.", SRV, NoError, ["svcempty.testns.svc.cluster.local.\t5\tIN\tSRV\t0 100 80 svcempty.testns.svc.cluster.local."],
            Extra: ["svcempty.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.1"]),
        new("svc6.testns.svc.cluster.local.", SRV, NoError, ["svc6.testns.svc.cluster.local.\t5\tIN\tSRV\t0 100 80 svc6.testns.svc.cluster.local."],
            Extra: ["svc6.testns.svc.cluster.local.\t5\tIN\tAAAA\t1234:abcd::1"]),
        new("_http._tcp.svc1.testns.svc.cluster.local.", SRV, NoError,
            ["_http._tcp.svc1.testns.svc.cluster.local.\t5\tIN\tSRV\t0 100 80 svc1.testns.svc.cluster.local."],
            Extra: ["svc1.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.1"]),
        new("_http._tcp.svc6.testns.svc.cluster.local.", SRV, NoError,
            ["_http._tcp.svc6.testns.svc.cluster.local.\t5\tIN\tSRV\t0 100 80 svc6.testns.svc.cluster.local."],
            Extra: ["svc6.testns.svc.cluster.local.\t5\tIN\tAAAA\t1234:abcd::1"]),
        // Two candidates (one per cluster IP), one SRV record: weight 50.
        new("svc-dual-stack.testns.svc.cluster.local.", SRV, NoError,
            ["svc-dual-stack.testns.svc.cluster.local.\t5\tIN\tSRV\t0 50 80 svc-dual-stack.testns.svc.cluster.local."],
            Extra: ["svc-dual-stack.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.3", "svc-dual-stack.testns.svc.cluster.local.\t5\tIN\tAAAA\t10::3"]),
        // Every port without the labels (53 twice: one record); unnamed ports too.
        new("multi.testns.svc.cluster.local.", SRV, NoError,
        [
            "multi.testns.svc.cluster.local.\t5\tIN\tSRV\t0 25 80 multi.testns.svc.cluster.local.",
            "multi.testns.svc.cluster.local.\t5\tIN\tSRV\t0 25 53 multi.testns.svc.cluster.local.",
            "multi.testns.svc.cluster.local.\t5\tIN\tSRV\t0 25 8080 multi.testns.svc.cluster.local.",
        ], Extra: ["multi.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.5"]),
        new("_dns._udp.multi.testns.svc.cluster.local.", SRV, NoError,
            ["_dns._udp.multi.testns.svc.cluster.local.\t5\tIN\tSRV\t0 100 53 multi.testns.svc.cluster.local."],
            Extra: ["multi.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.5"]),
        new("_DNS-TCP._TCP.kube-dns.kube-system.svc.cluster.local.", SRV, NoError,
            ["_DNS-TCP._TCP.kube-dns.kube-system.svc.cluster.local.\t5\tIN\tSRV\t0 100 53 kube-dns.kube-system.svc.cluster.local."],
            Extra: ["kube-dns.kube-system.svc.cluster.local.\t5\tIN\tA\t10.96.0.10"]),
        // Targets are built on the zone as the question spelled it (CoreDNS keeps the query's case).
        new("_HTTP._tcp.svc1.testns.svc.Cluster.Local.", SRV, NoError,
            ["_HTTP._tcp.svc1.testns.svc.Cluster.Local.\t5\tIN\tSRV\t0 100 80 svc1.testns.svc.Cluster.Local."],
            Extra: ["svc1.testns.svc.Cluster.Local.\t5\tIN\tA\t10.0.0.1"]),
        // A port name with the wrong protocol, an unknown port name, a port number: no such name.
        new("_dns._tcp.multi.testns.svc.cluster.local.", SRV, NxDomain, [], [Soa]),
        new("_https._tcp.svc1.testns.svc.cluster.local.", SRV, NxDomain, [], [Soa]),
        new("_http._udp.svc1.testns.svc.cluster.local.", SRV, NxDomain, [], [Soa]),
        new("_80._tcp.svc1.testns.svc.cluster.local.", SRV, NxDomain, [], [Soa]),
        // The port name exists for A queries too (CoreDNS answers the Service's address).
        new("_http._tcp.svc1.testns.svc.cluster.local.", A, NoError, ["_http._tcp.svc1.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.1"]),
    ];

    public static readonly DnsCase[] Headless =
    [
        new("_http._tcp.hdls1.testns.svc.cluster.local.", SRV, NoError,
        [
            "_http._tcp.hdls1.testns.svc.cluster.local.\t5\tIN\tSRV\t0 16 80 172-0-0-2.hdls1.testns.svc.cluster.local.",
            "_http._tcp.hdls1.testns.svc.cluster.local.\t5\tIN\tSRV\t0 16 80 172-0-0-3.hdls1.testns.svc.cluster.local.",
            "_http._tcp.hdls1.testns.svc.cluster.local.\t5\tIN\tSRV\t0 16 80 5678-abcd--1.hdls1.testns.svc.cluster.local.",
            "_http._tcp.hdls1.testns.svc.cluster.local.\t5\tIN\tSRV\t0 16 80 5678-abcd--2.hdls1.testns.svc.cluster.local.",
            "_http._tcp.hdls1.testns.svc.cluster.local.\t5\tIN\tSRV\t0 16 80 dup-name.hdls1.testns.svc.cluster.local.",
        ], Extra:
        [
            "172-0-0-2.hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.2",
            "172-0-0-3.hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.3",
            "5678-abcd--1.hdls1.testns.svc.cluster.local.\t5\tIN\tAAAA\t5678:abcd::1",
            "5678-abcd--2.hdls1.testns.svc.cluster.local.\t5\tIN\tAAAA\t5678:abcd::2",
            "dup-name.hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.4",
            "dup-name.hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.5",
        ]),
        new("_http._tcp.web.testns.svc.cluster.local.", SRV, NoError,
        [
            "_http._tcp.web.testns.svc.cluster.local.\t5\tIN\tSRV\t0 33 80 web-0.web.testns.svc.cluster.local.",
            "_http._tcp.web.testns.svc.cluster.local.\t5\tIN\tSRV\t0 33 80 web-1.web.testns.svc.cluster.local.",
            "_http._tcp.web.testns.svc.cluster.local.\t5\tIN\tSRV\t0 33 80 172-0-0-43.web.testns.svc.cluster.local.",
        ], Extra:
        [
            "web-0.web.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.41",
            "web-1.web.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.42",
            "172-0-0-43.web.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.43",
        ]),
        new("_metrics._tcp.web.testns.svc.cluster.local.", SRV, NoError,
        [
            "_metrics._tcp.web.testns.svc.cluster.local.\t5\tIN\tSRV\t0 33 9090 web-0.web.testns.svc.cluster.local.",
            "_metrics._tcp.web.testns.svc.cluster.local.\t5\tIN\tSRV\t0 33 9090 web-1.web.testns.svc.cluster.local.",
            "_metrics._tcp.web.testns.svc.cluster.local.\t5\tIN\tSRV\t0 33 9090 172-0-0-43.web.testns.svc.cluster.local.",
        ], Extra:
        [
            "web-0.web.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.41",
            "web-1.web.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.42",
            "172-0-0-43.web.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.43",
        ]),
        // One endpoint's name: one candidate per port.
        new("web-0.web.testns.svc.cluster.local.", SRV, NoError,
        [
            "web-0.web.testns.svc.cluster.local.\t5\tIN\tSRV\t0 50 80 web-0.web.testns.svc.cluster.local.",
            "web-0.web.testns.svc.cluster.local.\t5\tIN\tSRV\t0 50 9090 web-0.web.testns.svc.cluster.local.",
        ], Extra: ["web-0.web.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.41"]),
        // No ports: the name exists, but no SRV record can be made.
        new("hdlsprtls.testns.svc.cluster.local.", SRV, NoError, [], [Soa]),
    ];

    public static readonly DnsCase[] ExternalName =
    [
        // CoreDNS has no SRV for ExternalName Services: NODATA, and NXDOMAIN below them.
        new("external.testns.svc.cluster.local.", SRV, NoError, [], [Soa]),
        new("_http._tcp.external.testns.svc.cluster.local.", SRV, NxDomain, [], [Soa]),
    ];

    [Fact]
    public void ClusterIP_services_answer_SRV_with_the_service_as_target() => Check(ClusterIP);

    [Fact]
    public void Headless_services_answer_SRV_per_ready_endpoint() => Check(Headless);

    [Fact]
    public void ExternalName_services_have_no_SRV_records() => Check(ExternalName);
}
