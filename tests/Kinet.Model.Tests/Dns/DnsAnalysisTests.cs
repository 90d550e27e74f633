// DnsAnalysis: glibc's search with kubelet's search list and ndots:5 over the record logic. Fixture: see DnsFixture's
// Conventions (namespaces testns and podns; Service testns/svc1 at 10.0.0.1).
using Kinet.Model.Dns;
using static Kinet.Model.Tests.Dns.DnsFixture;

namespace Kinet.Model.Tests.Dns;

public class DnsAnalysisTests
{
    private static string[] Names(DnsLookupResult r) => [.. r.Tried.Select(s => s.Name)];

    [Fact]
    public void A_short_name_is_found_through_the_pods_namespace()
    {
        var r = DnsAnalysis.Lookup(View, Config, "testns", "svc1");
        Assert.Equal(["svc1.testns.svc.cluster.local."], Names(r));
        Assert.Equal(DnsLookupOutcome.Answered, r.Outcome);
        Assert.Equal("svc1.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.1", Assert.Single(r.Final!.Answer.Answer).ToString());
    }

    [Fact]
    public void A_service_of_another_namespace_is_found_as_name_dot_namespace()
    {
        var r = DnsAnalysis.Lookup(View, Config, "podns", "svc1.testns");
        Assert.Equal(["svc1.testns.podns.svc.cluster.local.", "svc1.testns.svc.cluster.local."], Names(r));
        Assert.Equal(DnsLookupOutcome.Answered, r.Outcome);
    }

    [Fact]
    public void A_name_with_fewer_than_five_dots_is_searched_before_it_is_tried_as_is()
    {
        var r = DnsAnalysis.Lookup(View, Config, "testns", "example.com");
        Assert.Equal(["example.com.testns.svc.cluster.local.", "example.com.svc.cluster.local.", "example.com.cluster.local.", "example.com."], Names(r));
        Assert.Equal(DnsLookupOutcome.Forwarded, r.Outcome);
    }

    [Fact]
    public void A_name_with_five_dots_is_tried_as_is_first()
    {
        var r = DnsAnalysis.Lookup(View, Config, "podns", "_http._tcp.svc1.testns.svc.cluster.local");
        Assert.Equal(["_http._tcp.svc1.testns.svc.cluster.local."], Names(r));
        Assert.Equal(DnsLookupOutcome.Answered, r.Outcome);
    }

    [Fact]
    public void A_full_name_without_the_trailing_dot_is_searched_first()
    {
        var r = DnsAnalysis.Lookup(View, Config, "podns", "svc1.testns.svc.cluster.local");
        Assert.Equal(["svc1.testns.svc.cluster.local.podns.svc.cluster.local.", "svc1.testns.svc.cluster.local.svc.cluster.local.",
            "svc1.testns.svc.cluster.local.cluster.local.", "svc1.testns.svc.cluster.local."], Names(r));
        Assert.Equal(DnsLookupOutcome.Answered, r.Outcome);
        Assert.Equal("svc1.testns.svc.cluster.local.", r.Final!.Name);
    }

    [Fact]
    public void An_absolute_name_is_tried_only_as_is()
    {
        var r = DnsAnalysis.Lookup(View, Config, "podns", "svc0.testns.svc.cluster.local.");
        Assert.Equal(["svc0.testns.svc.cluster.local."], Names(r));
        Assert.Equal(DnsLookupOutcome.NxDomain, r.Outcome);
        Assert.Null(r.Final);
    }

    [Fact]
    public void A_short_name_missing_everywhere_in_the_zone_goes_to_the_forwarder_last()
    {
        var r = DnsAnalysis.Lookup(View, Config, "testns", "svc1", DnsType.AAAA);
        Assert.Equal(["svc1.testns.svc.cluster.local.", "svc1.svc.cluster.local.", "svc1.cluster.local.", "svc1."], Names(r));
        Assert.Equal(DnsLookupOutcome.Forwarded, r.Outcome);
    }

    [Fact]
    public void NODATA_is_reported_when_nothing_answers()
    {
        var r = DnsAnalysis.Lookup(View, Config, "testns", "svc1.testns.svc.cluster.local.", DnsType.AAAA);
        Assert.Equal(DnsLookupOutcome.NoData, r.Outcome);
        Assert.Null(r.Final);
    }

    [Fact]
    public void The_search_list_is_kubelets() =>
        Assert.Equal(["default.svc.kinet.test", "svc.kinet.test", "kinet.test"], DnsAnalysis.SearchList("default", "kinet.test."));
}
