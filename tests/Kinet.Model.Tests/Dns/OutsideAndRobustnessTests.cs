// Names outside the zones go to the forwarder (DnsAnswer.Outside); `fallthrough` sends the zone's NXDOMAINs there
// too; anything a client could send is answered without an exception. Fixture: see DnsFixture's Conventions.
using Kinet.Model.Dns;
using static Kinet.Model.Tests.Dns.DnsFixture;

namespace Kinet.Model.Tests.Dns;

public class OutsideAndRobustnessTests
{
    [Theory]
    [InlineData("example.com.")]
    [InlineData("example.com")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("local.")]
    [InlineData("xcluster.local.")]
    [InlineData("cluster.local.example.com.")]
    [InlineData("arpa.")]
    public void Names_outside_the_zones_are_left_to_the_forwarder(string qname) =>
        Assert.Same(DnsAnswer.Outside, ClusterDnsResolver.Resolve(View, Config, qname, DnsType.A));

    [Fact]
    public void Fallthrough_without_zones_sends_every_NXDOMAIN_of_the_zone_on()
    {
        var config = Config with { Fallthrough = ["."] };
        Assert.Same(DnsAnswer.Outside, ClusterDnsResolver.Resolve(View, config, "svc0.testns.svc.cluster.local.", DnsType.A));
        Assert.Equal(DnsRcode.NoError, ClusterDnsResolver.Resolve(View, config, "svc1.testns.svc.cluster.local.", DnsType.A).Rcode);
        Assert.Equal(DnsRcode.NoError, ClusterDnsResolver.Resolve(View, config, "svc1.testns.svc.cluster.local.", DnsType.AAAA).Rcode);
    }

    [Fact]
    public void Another_cluster_domain_is_served_instead_of_cluster_local()
    {
        var config = Config with { Zones = ["kinet.test.", "in-addr.arpa.", "ip6.arpa."] };
        Check([new("svc1.testns.svc.kinet.test.", DnsType.A, DnsRcode.NoError, ["svc1.testns.svc.kinet.test.\t5\tIN\tA\t10.0.0.1"]),
               new("1.0.0.10.in-addr.arpa.", DnsType.PTR, DnsRcode.NoError, ["1.0.0.10.in-addr.arpa.\t5\tIN\tPTR\tsvc1.testns.svc.kinet.test."])],
            config: config);
        Assert.Same(DnsAnswer.Outside, ClusterDnsResolver.Resolve(View, config, "svc1.testns.svc.cluster.local.", DnsType.A));
    }

    public static IEnumerable<object[]> OddNames()
    {
        string[] names =
        [
            "", ".", "..", "...cluster.local.", "cluster.local..", ".cluster.local.", "a..b.svc.cluster.local.",
            new string('a', 63) + ".testns.svc.cluster.local.", new string('a', 64) + ".testns.svc.cluster.local.",
            string.Join('.', Enumerable.Repeat("a", 120)) + ".svc.cluster.local.", new string('x', 1000) + ".cluster.local.",
            string.Join('.', Enumerable.Repeat("_x", 40)) + ".svc.cluster.local.", "*.testns.svc.cluster.local.",
            "\u00e9t\u00e9.testns.svc.cluster.local.", "a\\.b.testns.svc.cluster.local.", "svc1.testns.svc.cluster.local.\0",
            "-.testns.pod.cluster.local.", "----.testns.pod.cluster.local.", "1-2-3-4-5-6-7-8-9.podns.pod.cluster.local.",
            "ffff-ffff-ffff-ffff-ffff-ffff-ffff-ffff.podns.pod.cluster.local.", "0-0-0-0.podns.pod.cluster.local.",
            "--.podns.pod.cluster.local.", "a.b.c.d.e.f.in-addr.arpa.", "256.0.0.10.in-addr.arpa.", "x.y.svc.in-addr.arpa.",
            "svc.in-addr.arpa.", "g.ip6.arpa.", string.Join('.', Enumerable.Repeat("f", 33)) + ".ip6.arpa.",
            "ns.dns.cluster.local.", "ns.dns.in-addr.arpa.", "_._.svc1.testns.svc.cluster.local.", "__.testns.svc.cluster.local.",
        ];
        return names.Select(n => new object[] { n });
    }

    [Theory]
    [MemberData(nameof(OddNames))]
    public void Any_name_of_any_type_is_answered_without_an_exception(string qname)
    {
        foreach (var config in new[] { Config, Config with { Pods = PodsMode.Verified, Fallthrough = [] }, Config with { Zones = ["."] } })
            for (var t = 0; t <= 260; t++)
                CheckShape(ClusterDnsResolver.Resolve(View, config, qname, (DnsType)t));
        CheckShape(ClusterDnsResolver.Resolve(View, Config, qname, (DnsType)65535));
    }

    private static void CheckShape(DnsAnswer a)
    {
        if (a.Kind == DnsAnswerKind.OutsideZones) return;
        if (a.Rcode == DnsRcode.Refused) return;   // zone transfers
        if (a.Answer.Count == 0) Assert.IsType<SoaRecord>(Assert.Single(a.Authority));
        else Assert.Empty(a.Authority);
    }
}
