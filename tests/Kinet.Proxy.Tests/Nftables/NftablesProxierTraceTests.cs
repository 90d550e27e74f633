// What the rendered rules do to packets, traced through the fake (kube-proxy's nftables tracer tests, in our words).
// See ProxyFixture for the address conventions.
using Kinet.Model.Services;
using Kinet.Nftables.Tracing;
using static Kinet.Proxy.Tests.Nftables.ProxyFixture;

namespace Kinet.Proxy.Tests.Nftables;

public sealed class NftablesProxierTraceTests
{
    private const string PodOnNode = "10.180.0.9";
    private const string Outside = "203.0.113.5";

    private static string[] Ends(NftTracer tracer, NftPacket packet, NftHookPath path = NftHookPath.Arriving) =>
        tracer.TraceAll(packet, path).Select(r => r.ToString()).Distinct().Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void A_cluster_IP_with_one_endpoint_leads_to_it_without_masquerade_from_a_pod()
    {
        var tracer = new ProxyFixture().Add(MakeService("ns1", "svc1", "172.30.0.41"), Ep("10.180.1.1")).Tracer();
        Assert.Equal(["a TCP SYN from 10.180.0.9 to 172.30.0.41:80 ends at 10.180.1.1:80, masqueraded: no"],
            Ends(tracer, NftPacket.Tcp(PodOnNode, "172.30.0.41", 80)));
    }

    [Fact]
    public void A_cluster_IP_with_three_endpoints_reaches_all_three()
    {
        var tracer = new ProxyFixture().Add(MakeService("ns1", "svc1", "172.30.0.41"), Ep("10.180.0.1"), Ep("10.180.1.1"), Ep("10.180.1.2")).Tracer();
        Assert.Equal(["10.180.0.1:80", "10.180.1.1:80", "10.180.1.2:80"],
            tracer.TraceAll(NftPacket.Tcp(PodOnNode, "172.30.0.41", 80), NftHookPath.Arriving).Select(r => r.EndsAt!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_host_reaching_a_cluster_IP_is_masqueraded_since_it_is_outside_the_pod_network()
    {
        var tracer = new ProxyFixture().Add(MakeService("ns1", "svc1", "172.30.0.41"), Ep("10.180.1.1")).Tracer();
        Assert.Equal("a TCP SYN from 192.168.0.2 to 172.30.0.41:80 ends at 10.180.1.1:80, masqueraded: yes",
            tracer.Trace(NftPacket.Tcp(NodeIP, "172.30.0.41", 80), NftHookPath.FromHost).ToString());
    }

    [Fact]
    public void A_service_without_endpoints_rejects_from_pods_and_from_the_host()
    {
        var tracer = new ProxyFixture().Add(MakeService("ns1", "svc1", "172.30.0.41")).Tracer();
        Assert.Equal(NftFate.Rejected, tracer.Trace(NftPacket.Tcp(PodOnNode, "172.30.0.41", 80), NftHookPath.Arriving).Fate);
        Assert.Equal(NftFate.Rejected, tracer.Trace(NftPacket.Tcp(NodeIP, "172.30.0.41", 80), NftHookPath.FromHost).Fate);
    }

    [Fact]
    public void Only_not_ready_endpoints_count_as_none_but_serving_terminating_ones_are_a_fallback()
    {
        var notReady = new ProxyFixture().Add(MakeService("ns1", "svc1", "172.30.0.41"), Ep("10.180.1.1", ready: false, serving: false)).Tracer();
        Assert.Equal(NftFate.Rejected, notReady.Trace(NftPacket.Tcp(PodOnNode, "172.30.0.41", 80), NftHookPath.Arriving).Fate);
        var terminating = new ProxyFixture().Add(MakeService("ns1", "svc1", "172.30.0.41"), Ep("10.180.1.1", ready: false, terminating: true)).Tracer();
        Assert.Equal("10.180.1.1:80", terminating.Trace(NftPacket.Tcp(PodOnNode, "172.30.0.41", 80), NftHookPath.Arriving).EndsAt);
    }

    [Fact]
    public void A_wrong_port_on_a_cluster_IP_is_rejected_and_an_unallocated_cluster_IP_is_dropped_as_upstream_does()
    {
        var tracer = new ProxyFixture().Add(MakeService("ns1", "svc1", "172.30.0.41"), Ep("10.180.1.1")).Tracer();
        Assert.Equal(NftFate.Rejected, tracer.Trace(NftPacket.Tcp(PodOnNode, "172.30.0.41", 81), NftHookPath.Arriving).Fate);
        Assert.Equal(NftFate.Dropped, tracer.Trace(NftPacket.Tcp(PodOnNode, "172.30.0.99", 80), NftHookPath.Arriving).Fate);
        Assert.Equal(NftFate.Dropped, tracer.Trace(NftPacket.Tcp(NodeIP, "172.30.0.99", 80), NftHookPath.FromHost).Fate);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_node_port_answers_on_the_node_IP_from_outside_and_from_the_host_masqueraded(bool withNodeIPs)
    {
        var tracer = new ProxyFixture { WithNodeIPs = withNodeIPs }
            .Add(MakeService("ns1", "svc1", "172.30.0.41", tweak: s => s with { NodePort = 30080 }), Ep("10.180.0.1"), Ep("10.180.1.1")).Tracer();
        Assert.Equal([
            "a TCP SYN from 203.0.113.5 to 192.168.0.2:30080 ends at 10.180.0.1:80, masqueraded: yes",
            "a TCP SYN from 203.0.113.5 to 192.168.0.2:30080 ends at 10.180.1.1:80, masqueraded: yes",
        ], Ends(tracer, NftPacket.Tcp(Outside, NodeIP, 30080)));
        Assert.All(tracer.TraceAll(NftPacket.Tcp(NodeIP, NodeIP, 30080), NftHookPath.FromHost), r => Assert.True(r.Masqueraded && r.EndsAt is not null, r.ToString()));
    }

    [Fact]
    public void A_node_port_without_endpoints_is_rejected()
    {
        var tracer = new ProxyFixture().Add(MakeService("ns1", "svc1", "172.30.0.41", tweak: s => s with { NodePort = 30080 })).Tracer();
        Assert.Equal(NftFate.Rejected, tracer.Trace(NftPacket.Tcp(Outside, NodeIP, 30080), NftHookPath.Arriving).Fate);
    }

    [Fact]
    public void External_traffic_policy_local_uses_only_local_endpoints_and_keeps_the_source()
    {
        var tracer = new ProxyFixture()
            .Add(MakeService("ns1", "svc1", "172.30.0.41", tweak: s => s with { NodePort = 30080, ExternalPolicyLocal = true }),
                Ep("10.180.0.1"), Ep("10.180.1.1"), Ep("10.180.1.2")).Tracer();
        Assert.Equal(["a TCP SYN from 203.0.113.5 to 192.168.0.2:30080 ends at 10.180.0.1:80, masqueraded: no"],
            Ends(tracer, NftPacket.Tcp(Outside, NodeIP, 30080)));
        // Traffic from pods and from the host is not "external": it may use every endpoint.
        Assert.Equal(3, tracer.TraceAll(NftPacket.Tcp(PodOnNode, NodeIP, 30080), NftHookPath.Arriving).Select(r => r.EndsAt).Distinct().Count());
        Assert.All(tracer.TraceAll(NftPacket.Tcp(NodeIP, NodeIP, 30080), NftHookPath.FromHost), r => Assert.True(r.Masqueraded, r.ToString()));
        Assert.Equal(3, tracer.TraceAll(NftPacket.Tcp(PodOnNode, "172.30.0.41", 80), NftHookPath.Arriving).Select(r => r.EndsAt).Distinct().Count());
    }

    [Fact]
    public void External_traffic_policy_local_without_a_local_endpoint_drops_outside_traffic_but_serves_pods()
    {
        var tracer = new ProxyFixture()
            .Add(MakeService("ns1", "svc1", "172.30.0.41", tweak: s => s with { NodePort = 30080, ExternalPolicyLocal = true, LoadBalancerIPs = [System.Net.IPAddress.Parse("5.6.7.8")] }),
                Ep("10.180.1.1")).Tracer();
        Assert.Equal("a TCP SYN from 203.0.113.5 to 192.168.0.2:30080 is dropped", tracer.Trace(NftPacket.Tcp(Outside, NodeIP, 30080), NftHookPath.Arriving).ToString());
        Assert.Equal(NftFate.Dropped, tracer.Trace(NftPacket.Tcp(Outside, "5.6.7.8", 80), NftHookPath.Arriving).Fate);
        Assert.Equal("10.180.1.1:80", tracer.Trace(NftPacket.Tcp(PodOnNode, "5.6.7.8", 80), NftHookPath.Arriving).EndsAt);
    }

    [Fact]
    public void Internal_traffic_policy_local_uses_only_local_endpoints_and_drops_without_one()
    {
        var local = new ProxyFixture()
            .Add(MakeService("ns1", "svc1", "172.30.0.41", tweak: s => s with { InternalPolicyLocal = true }), Ep("10.180.0.1"), Ep("10.180.1.1")).Tracer();
        Assert.Equal(["a TCP SYN from 10.180.0.9 to 172.30.0.41:80 ends at 10.180.0.1:80, masqueraded: no"], Ends(local, NftPacket.Tcp(PodOnNode, "172.30.0.41", 80)));
        var none = new ProxyFixture()
            .Add(MakeService("ns1", "svc1", "172.30.0.41", tweak: s => s with { InternalPolicyLocal = true }), Ep("10.180.1.1")).Tracer();
        Assert.Equal(NftFate.Dropped, none.Trace(NftPacket.Tcp(PodOnNode, "172.30.0.41", 80), NftHookPath.Arriving).Fate);
    }

    [Fact]
    public void A_load_balancer_IP_and_an_external_IP_lead_to_the_endpoints_masqueraded()
    {
        var tracer = new ProxyFixture()
            .Add(MakeService("ns1", "svc1", "172.30.0.41", tweak: s => s with
            {
                LoadBalancerIPs = [System.Net.IPAddress.Parse("5.6.7.8")],
                ExternalIPs = [System.Net.IPAddress.Parse("5.6.7.9")],
            }), Ep("10.180.1.1")).Tracer();
        Assert.Equal("a TCP SYN from 203.0.113.5 to 5.6.7.8:80 ends at 10.180.1.1:80, masqueraded: yes", tracer.Trace(NftPacket.Tcp(Outside, "5.6.7.8", 80), NftHookPath.Arriving).ToString());
        Assert.Equal("a TCP SYN from 203.0.113.5 to 5.6.7.9:80 ends at 10.180.1.1:80, masqueraded: yes", tracer.Trace(NftPacket.Tcp(Outside, "5.6.7.9", 80), NftHookPath.Arriving).ToString());
        Assert.Equal("a TCP SYN from 192.168.0.2 to 5.6.7.8:80 ends at 10.180.1.1:80, masqueraded: yes", tracer.Trace(NftPacket.Tcp(NodeIP, "5.6.7.8", 80), NftHookPath.FromHost).ToString());
    }

    [Fact]
    public void Load_balancer_source_ranges_let_listed_clients_in_and_drop_the_rest()
    {
        var tracer = new ProxyFixture()
            .Add(MakeService("ns1", "svc1", "172.30.0.41", tweak: s => s with
            {
                LoadBalancerIPs = [System.Net.IPAddress.Parse("5.6.7.8")],
                LoadBalancerSourceRanges = ["203.0.113.0/25"],
            }), Ep("10.180.1.1")).Tracer();
        Assert.Equal("10.180.1.1:80", tracer.Trace(NftPacket.Tcp(Outside, "5.6.7.8", 80), NftHookPath.Arriving).EndsAt);
        Assert.Equal(NftFate.Dropped, tracer.Trace(NftPacket.Tcp("198.51.100.7", "5.6.7.8", 80), NftHookPath.Arriving).Fate);
        Assert.Equal(NftFate.Dropped, tracer.Trace(NftPacket.Tcp(NodeIP, "5.6.7.8", 80), NftHookPath.FromHost).Fate);
    }

    [Fact]
    public void Source_ranges_containing_the_node_also_admit_the_node_through_the_VIP()
    {
        var tracer = new ProxyFixture()
            .Add(MakeService("ns1", "svc1", "172.30.0.41", tweak: s => s with
            {
                LoadBalancerIPs = [System.Net.IPAddress.Parse("5.6.7.8")],
                LoadBalancerSourceRanges = ["192.168.0.0/24"],
            }), Ep("10.180.1.1")).Tracer();
        Assert.Equal("10.180.1.1:80", tracer.Trace(NftPacket.Tcp(NodeIP, "5.6.7.8", 80), NftHookPath.FromHost).EndsAt);
        Assert.Equal("10.180.1.1:80", tracer.Trace(NftPacket.Tcp("5.6.7.8", "5.6.7.8", 80), NftHookPath.FromHost).EndsAt);
    }

    [Fact]
    public void A_pod_reaching_itself_through_its_service_is_masqueraded()
    {
        var tracer = new ProxyFixture().Add(MakeService("ns1", "svc1", "172.30.0.41"), Ep("10.180.0.1")).Tracer();
        Assert.Equal("a TCP SYN from 10.180.0.1 to 172.30.0.41:80 ends at 10.180.0.1:80, masqueraded: yes",
            tracer.Trace(NftPacket.Tcp("10.180.0.1", "172.30.0.41", 80), NftHookPath.Arriving).ToString());
    }

    [Fact]
    public void Client_IP_affinity_keeps_a_client_on_the_endpoint_it_first_reached()
    {
        var tracer = new ProxyFixture()
            .Add(MakeService("ns1", "svc1", "172.30.0.41", tweak: s => s with { ClientIPAffinity = true, StickyMaxAgeSeconds = 300 }),
                Ep("10.180.0.1"), Ep("10.180.1.1"), Ep("10.180.1.2")).Tracer();
        var packet = NftPacket.Tcp(PodOnNode, "172.30.0.41", 80);
        Assert.Equal("10.180.1.2:80", tracer.Trace(packet, NftHookPath.Arriving, 2).EndsAt);
        Assert.Equal(["10.180.1.2:80"], tracer.TraceAll(packet, NftHookPath.Arriving).Select(r => r.EndsAt).Distinct());
        Assert.Equal(3, tracer.TraceAll(NftPacket.Tcp("10.180.0.8", "172.30.0.41", 80), NftHookPath.Arriving).Select(r => r.EndsAt).Distinct().Count());
    }

    [Fact]
    public void A_named_target_port_leads_to_each_endpoints_own_port()
    {
        var tracer = new ProxyFixture().Add(MakeService("ns1", "svc1", "172.30.0.41"), Ep("10.180.0.1", 8080), Ep("10.180.1.1", 9090)).Tracer();
        Assert.Equal(["10.180.0.1:8080", "10.180.1.1:9090"],
            tracer.TraceAll(NftPacket.Tcp(PodOnNode, "172.30.0.41", 80), NftHookPath.Arriving).Select(r => r.EndsAt!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UDP_and_SCTP_ports_are_served_and_do_not_catch_TCP()
    {
        var tracer = new ProxyFixture()
            .Add(MakeService("kube-system", "dns", "172.30.0.10", 53, portName: "dns", protocol: ServiceProtocol.Udp), Ep("10.180.1.3", 53))
            .Add(MakeService("ns1", "sctp", "172.30.0.42", 3868, portName: "diameter", protocol: ServiceProtocol.Sctp), Ep("10.180.1.4", 3868)).Tracer();
        Assert.Equal("a UDP packet from 10.180.0.9 to 172.30.0.10:53 ends at 10.180.1.3:53, masqueraded: no", tracer.Trace(NftPacket.Udp(PodOnNode, "172.30.0.10", 53), NftHookPath.Arriving).ToString());
        Assert.Equal("an SCTP INIT from 10.180.0.9 to 172.30.0.42:3868 ends at 10.180.1.4:3868, masqueraded: no", tracer.Trace(NftPacket.Sctp(PodOnNode, "172.30.0.42", 3868), NftHookPath.Arriving).ToString());
        Assert.Equal(NftFate.Rejected, tracer.Trace(NftPacket.Tcp(PodOnNode, "172.30.0.10", 53), NftHookPath.Arriving).Fate);
    }

    [Fact]
    public void Each_port_of_a_multi_port_service_leads_to_its_own_target()
    {
        var tracer = new ProxyFixture()
            .Add(MakeService("ns1", "svc1", "172.30.0.41", 80, portName: "http"), Ep("10.180.1.1", 8080))
            .Add(MakeService("ns1", "svc1", "172.30.0.41", 443, portName: "https"), Ep("10.180.1.1", 8443)).Tracer();
        Assert.Equal("10.180.1.1:8080", tracer.Trace(NftPacket.Tcp(PodOnNode, "172.30.0.41", 80), NftHookPath.Arriving).EndsAt);
        Assert.Equal("10.180.1.1:8443", tracer.Trace(NftPacket.Tcp(PodOnNode, "172.30.0.41", 443), NftHookPath.Arriving).EndsAt);
    }
}
