// PTR records (DNS spec 2.4.3 and 2.5.5; CoreDNS's reverse.go): a ClusterIP names its Service, a ready endpoint address
// its endpoint name under the Service. Unknown addresses fall through to the forwarder (kubeadm's Corefile says
// `fallthrough in-addr.arpa ip6.arpa`), or are NXDOMAIN without fallthrough. Fixture: see DnsFixture's Conventions.
using Kinet.Model.Dns;
using static Kinet.Model.Dns.DnsRcode;
using static Kinet.Model.Dns.DnsType;
using static Kinet.Model.Tests.Dns.DnsFixture;

namespace Kinet.Model.Tests.Dns;

public class ReverseRecordTests
{
    private const string Svc6Reverse = "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.ip6.arpa.";
    private const string V4Soa = "in-addr.arpa.\t5\tIN\tSOA\tns.dns.in-addr.arpa. hostmaster.in-addr.arpa. 1499347823 7200 1800 86400 5";

    public static readonly DnsCase[] Known =
    [
        // 10.0.0.1 is svc1's and svcempty's: the first Service with the address names it.
        new("1.0.0.10.in-addr.arpa.", PTR, NoError, ["1.0.0.10.in-addr.arpa.\t5\tIN\tPTR\tsvc1.testns.svc.cluster.local."]),
        new("10.0.96.10.in-addr.arpa.", PTR, NoError, ["10.0.96.10.in-addr.arpa.\t5\tIN\tPTR\tkube-dns.kube-system.svc.cluster.local."]),
        new("10.0.96.10.IN-ADDR.ARPA", PTR, NoError, ["10.0.96.10.IN-ADDR.ARPA.\t5\tIN\tPTR\tkube-dns.kube-system.svc.cluster.local."]),
        new("3.0.0.10.in-addr.arpa.", PTR, NoError, ["3.0.0.10.in-addr.arpa.\t5\tIN\tPTR\tsvc-dual-stack.testns.svc.cluster.local."]),
        new(Svc6Reverse, PTR, NoError, [Svc6Reverse + "\t5\tIN\tPTR\tsvc6.testns.svc.cluster.local."]),
        new("2.0.0.172.in-addr.arpa.", PTR, NoError, ["2.0.0.172.in-addr.arpa.\t5\tIN\tPTR\t172-0-0-2.hdls1.testns.svc.cluster.local."]),
        new("41.0.0.172.in-addr.arpa.", PTR, NoError, ["41.0.0.172.in-addr.arpa.\t5\tIN\tPTR\tweb-0.web.testns.svc.cluster.local."]),
        new("1.0.0.172.in-addr.arpa.", PTR, NoError, ["1.0.0.172.in-addr.arpa.\t5\tIN\tPTR\tep1a.svc1.testns.svc.cluster.local."]),
        new("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.8.7.6.5.ip6.arpa.", PTR, NoError,
            ["1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.8.7.6.5.ip6.arpa.\t5\tIN\tPTR\t5678-abcd--1.hdls1.testns.svc.cluster.local."]),
        // Names in the forward zone have no PTR records: NODATA.
        new("svc1.testns.svc.cluster.local.", PTR, NoError, [], [Soa]),
        // The reverse zone's apex exists.
        new("in-addr.arpa.", PTR, NoError, [], [V4Soa]),
    ];

    public static readonly DnsCase[] UnknownWithoutFallthrough =
    [
        new("44.0.0.172.in-addr.arpa.", PTR, NxDomain, [], [V4Soa]),    // not ready
        new("1.0.240.10.in-addr.arpa.", PTR, NxDomain, [], [V4Soa]),    // a pod, no Service
        new("10.in-addr.arpa.", PTR, NxDomain, [], [V4Soa]),            // not a whole address
        new("1.0.0.10.in-addr.arpa.", A, NxDomain, [], [V4Soa]),        // reverse names have no addresses
    ];

    [Fact]
    public void Cluster_IPs_and_endpoint_addresses_have_PTR_records() => Check(Known);

    [Fact]
    public void Unknown_reverse_names_are_NXDOMAIN_without_fallthrough() =>
        Check(UnknownWithoutFallthrough, config: Config with { Fallthrough = [] });

    [Theory]
    [InlineData("44.0.0.172.in-addr.arpa.", DnsType.PTR)]
    [InlineData("1.0.240.10.in-addr.arpa.", DnsType.PTR)]
    [InlineData("10.in-addr.arpa.", DnsType.PTR)]
    [InlineData("2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa.", DnsType.PTR)]
    [InlineData("1.0.0.10.in-addr.arpa.", DnsType.A)]
    public void Unknown_reverse_names_fall_through_to_the_forwarder(string qname, DnsType qtype) =>
        Assert.Same(DnsAnswer.Outside, ClusterDnsResolver.Resolve(View, Config, qname, qtype));
}
