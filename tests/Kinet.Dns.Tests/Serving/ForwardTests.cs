// Names outside the zones go to the `forward` upstreams: relayed, retried over TCP when truncated, SERVFAIL when no
// upstream answers; names inside the zones never leave the server.
using Kinet.Dns.Tests.Support;
using Kinet.Model.Dns;

namespace Kinet.Dns.Tests.Serving;

public class ForwardTests
{
    private static ClusterDnsConfig Forwarding(params FakeUpstream[] upstreams) => new() { Forward = [.. upstreams.Select(u => u.EndPoint)] };

    [Fact]
    public async Task Dig_gets_the_upstreams_answer_for_a_name_outside_the_zones()
    {
        using var upstream = new FakeUpstream();
        using var server = Servers.Start(FakeZone.Sample(config: Forwarding(upstream)));

        var output = await Dig.RunAsync(server.EndPoint.Port, "www.example.com", "A");

        Assert.Contains("status: NOERROR", output);
        Assert.Matches(@"www\.example\.com\.\s+60\s+IN\s+A\s+192\.0\.2\.1", output);
        Assert.Equal(1, upstream.UdpQueries);
    }

    [Fact]
    public async Task Names_inside_the_zones_are_not_forwarded()
    {
        using var upstream = new FakeUpstream();
        using var server = Servers.Start(FakeZone.Sample(config: Forwarding(upstream)));

        var output = await Dig.RunAsync(server.EndPoint.Port, "missing.testns.svc.cluster.local", "A");

        Assert.Contains("status: NXDOMAIN", output);
        Assert.Equal(0, upstream.UdpQueries + upstream.TcpQueries);
    }

    [Fact]
    public void A_truncated_upstream_answer_is_fetched_again_over_tcp()
    {
        using var upstream = new FakeUpstream(truncateUdp: true);
        var handler = Handlers.Of(FakeZone.Sample(config: Forwarding(upstream)));

        var response = handler.Answer(Query.Build("www.example.com.", ednsSize: 1232))!;

        Assert.False(Query.Flag(response, 0x0200));
        Assert.Equal(1, Query.Count(response, 1));
        Assert.Equal((1, 1), (upstream.UdpQueries, upstream.TcpQueries));
    }

    [Fact]
    public void Silent_upstreams_give_servfail_and_the_next_upstream_is_tried()
    {
        using var silent = new FakeUpstream(silent: true);
        using var answering = new FakeUpstream();
        var handler = Handlers.Of(FakeZone.Sample(config: Forwarding(silent, answering)), forwardTimeout: TimeSpan.FromMilliseconds(200));
        var onlySilent = Handlers.Of(FakeZone.Sample(config: Forwarding(silent)), forwardTimeout: TimeSpan.FromMilliseconds(200));

        var answered = handler.Answer(Query.Build("www.example.com."))!;
        var failed = onlySilent.Answer(Query.Build("www.example.com.", id: 77))!;

        Assert.Equal((0, 1), (Query.Rcode(answered), (int)Query.Count(answered, 1)));
        Assert.Equal(2, Query.Rcode(failed));
        Assert.Equal(new byte[] { 0, 77 }, failed[..2]);
    }
}
