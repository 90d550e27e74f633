// NftTracer over a small hand-written table: hook order by priority, jump/goto/return, verdict maps, numgen outcomes,
// marks and masquerade, and a loud failure on syntax it does not know.
using System.Net;
using Kinet.Nftables.Fake;
using Kinet.Nftables.Objects;
using Kinet.Nftables.Tracing;
using Kinet.Nftables.Transactions;

namespace Kinet.Nftables.Tests.Tracing;

public sealed class NftTracerTests
{
    // Conventions: the node is 192.168.0.2; pods are 10.1.0.0/16; the virtual address 10.96.0.1 has two backends.
    private static readonly NftTable Table = new(NftFamily.Ip, "t");

    private static NftTracer Tracer(params NftRule[] extra)
    {
        var fake = new NftFake();
        var tx = new NftTransaction(Table).Add(Table)
            .Add(new NftChain("pre-filter", "filter", "prerouting", "dstnat-10"))
            .Add(new NftChain("pre-nat", "nat", "prerouting", "dstnat"))
            .Add(new NftChain("out-nat", "nat", "output", "-100"))
            .Add(new NftChain("post-nat", "nat", "postrouting", "srcnat"))
            .Add(new NftChain("fwd", "filter", "forward", "0"))
            .Add(new NftChain("dispatch")).Add(new NftChain("svc")).Add(new NftChain("ep1")).Add(new NftChain("ep2"))
            .Add(new NftChain("mark-it")).Add(new NftChain("masq"))
            .Add(new NftMap("vips", "ipv4_addr . inet_proto . inet_service : verdict"))
            .Add(new NftSet("blocked", "ipv4_addr"))
            .Add(new NftElement("vips", ["10.96.0.1", "tcp", "80"], ["goto svc"]))
            .Add(new NftElement("blocked", ["10.1.9.9"]))
            .Add(new NftRule("pre-filter", "ip saddr @blocked drop"))
            .Add(new NftRule("pre-filter", "ip daddr 10.96.0.2 tcp dport 80 reject"))
            .Add(new NftRule("pre-nat", "jump dispatch"))
            .Add(new NftRule("out-nat", "jump dispatch"))
            .Add(new NftRule("dispatch", "ip daddr . meta l4proto . th dport vmap @vips"))
            .Add(new NftRule("svc", "ip saddr != 10.1.0.0/16 jump mark-it"))
            .Add(new NftRule("svc", "numgen random mod 2 vmap { 0 : goto ep1 , 1 : goto ep2 }"))
            .Add(new NftRule("ep1", "meta l4proto tcp dnat to 10.1.0.5:8080"))
            .Add(new NftRule("ep2", "meta l4proto tcp dnat to 10.1.1.5:8080"))
            .Add(new NftRule("mark-it", "mark set mark or 0x4000"))
            .Add(new NftRule("mark-it", "return"))
            .Add(new NftRule("mark-it", "drop"))
            .Add(new NftRule("post-nat", "jump masq"))
            .Add(new NftRule("masq", "mark and 0x4000 == 0 return"))
            .Add(new NftRule("masq", "masquerade fully-random"));
        foreach (var rule in extra)
            tx.Add(rule);
        fake.Apply(tx);
        return new NftTracer(fake, [IPAddress.Parse("192.168.0.2")]);
    }

    [Fact]
    public void A_packet_to_the_virtual_address_is_sent_to_a_backend()
    {
        var result = Tracer().Trace(NftPacket.Tcp("10.1.0.9", "10.96.0.1", 80), NftHookPath.Arriving);
        Assert.Equal("a TCP SYN from 10.1.0.9 to 10.96.0.1:80 ends at 10.1.0.5:8080, masqueraded: no", result.ToString());
    }

    [Fact]
    public void Every_numgen_outcome_is_reported_and_an_injected_choice_is_taken()
    {
        var tracer = Tracer();
        var packet = NftPacket.Tcp("10.1.0.9", "10.96.0.1", 80);
        Assert.Equal(["10.1.0.5:8080", "10.1.1.5:8080"], tracer.TraceAll(packet, NftHookPath.Arriving).Select(r => r.EndsAt).Order());
        Assert.Equal("10.1.1.5:8080", tracer.Trace(packet, NftHookPath.Arriving, 1).EndsAt);
    }

    [Fact]
    public void A_mark_set_in_a_jumped_chain_survives_return_and_leads_to_masquerade()
    {
        var result = Tracer().Trace(NftPacket.Tcp("203.0.113.5", "10.96.0.1", 80), NftHookPath.Arriving);
        Assert.Equal("a TCP SYN from 203.0.113.5 to 10.96.0.1:80 ends at 10.1.0.5:8080, masqueraded: yes", result.ToString());
    }

    [Fact]
    public void Filter_chains_run_before_nat_chains_on_the_same_hook()
    {
        Assert.Equal(NftFate.Dropped, Tracer().Trace(NftPacket.Tcp("10.1.9.9", "10.96.0.1", 80), NftHookPath.Arriving).Fate);
        Assert.Equal("a TCP SYN from 10.1.0.9 to 10.96.0.2:80 is rejected", Tracer().Trace(NftPacket.Tcp("10.1.0.9", "10.96.0.2", 80), NftHookPath.Arriving).ToString());
    }

    [Fact]
    public void A_packet_nothing_matches_is_accepted_unchanged()
    {
        var tracer = Tracer();
        Assert.Equal("a UDP packet from 10.1.0.9 to 10.96.0.1:80 is accepted (no rule matched)", tracer.Trace(NftPacket.Udp("10.1.0.9", "10.96.0.1", 80), NftHookPath.Arriving).ToString());
        Assert.Equal("an SCTP INIT from 10.1.0.9 to 10.96.0.3:80 is accepted (no rule matched)", tracer.Trace(NftPacket.Sctp("10.1.0.9", "10.96.0.3", 80), NftHookPath.Arriving).ToString());
    }

    [Fact]
    public void The_hosts_own_packets_take_the_output_hook()
    {
        var result = Tracer().Trace(NftPacket.Tcp("192.168.0.2", "10.96.0.1", 80), NftHookPath.FromHost, 1);
        Assert.Equal("a TCP SYN from 192.168.0.2 to 10.96.0.1:80 ends at 10.1.1.5:8080, masqueraded: yes", result.ToString());
    }

    [Fact]
    public void Syntax_the_tracer_does_not_know_fails_naming_the_rule()
    {
        var tracer = Tracer(new NftRule("pre-filter", "ip dscp cs1 drop"));
        var e = Assert.Throws<NftTraceException>(() => tracer.Trace(NftPacket.Tcp("10.1.0.9", "10.96.0.1", 80), NftHookPath.Arriving));
        Assert.Contains("pre-filter: ip dscp cs1 drop", e.Message);
    }
}
