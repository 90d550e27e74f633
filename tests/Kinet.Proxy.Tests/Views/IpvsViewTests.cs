// Behaviour of the ipvs view: which real servers each virtual server gets under the traffic policies, persistence
// for ClientIP affinity, NodePorts on every node address, and ipvsadm's listing format and order.
using System.Net;
using Kinet.Model.Services;
using Kinet.Proxy.Views;
using Kinet.Proxy.Views.Ipvs;
using static Kinet.Proxy.Tests.Views.ViewBuilders;

namespace Kinet.Proxy.Tests.Views;

public class IpvsViewTests
{
    [Fact]
    public void External_traffic_policy_local_uses_only_local_endpoints_for_external_addresses()
    {
        var servers = IpvsRenderer.Render(StateFor(TestNode, ["192.168.0.2", "192.168.1.2"], ["10.0.0.0/8"],
            (Port("ns1", "web", "http", "172.30.1.1", 80, s => s with
            {
                NodePort = 3001,
                LoadBalancerIPs = Ips("1.2.3.4"),
                ExternalIPs = Ips("192.168.99.22"),
                ExternalPolicyLocal = true,
            }), [Endpoint("10.180.0.1", 8080, local: true), Endpoint("10.180.0.2", 8080)])));

        Assert.Equal(["10.180.0.1:8080", "10.180.0.2:8080"], Reals(servers, "172.30.1.1", 80));
        foreach (var (address, port) in new[] { ("1.2.3.4", 80), ("192.168.99.22", 80), ("192.168.0.2", 3001), ("192.168.1.2", 3001) })
            Assert.Equal(["10.180.0.1:8080"], Reals(servers, address, port));
    }

    [Fact]
    public void Without_a_local_endpoint_ipvs_falls_back_to_the_cluster_endpoints()
    {
        var servers = IpvsRenderer.Render(State(
            (Port("ns1", "web", "http", "172.30.1.1", 80, s => s with { NodePort = 3001, ExternalPolicyLocal = true }),
                [Endpoint("10.180.0.2", 8080)])));

        Assert.Equal(["10.180.0.2:8080"], Reals(servers, "192.168.0.2", 3001));
    }

    [Fact]
    public void Client_ip_affinity_makes_every_virtual_server_of_the_port_persistent()
    {
        var dump = ProxyViews.Ipvs(State(
            (Port("ns3", "sticky", "", "172.30.1.4", 443, s => s with { ClientIPAffinity = true, StickyMaxAgeSeconds = 600, NodePort = 3004 }),
                [Endpoint("10.180.4.1", 8443)])));

        Assert.Contains("TCP  172.30.1.4:443 rr persistent 600\n", dump);
        Assert.Contains("TCP  192.168.0.2:3004 rr persistent 600\n", dump);
    }

    [Fact]
    public void A_service_without_endpoints_keeps_an_empty_virtual_server()
    {
        var dump = ProxyViews.Ipvs(State((Port("ns6", "svc6", "p80", "172.30.0.46", 80), [])));
        Assert.EndsWith("TCP  172.30.0.46:80 rr\n", dump);
    }

    [Fact]
    public void The_listing_has_ipvsadms_headers_and_column_widths()
    {
        var dump = ProxyViews.Ipvs(ViewCases.SeedMyService(), "default/my-service");
        Assert.Equal(
            "IP Virtual Server version 1.2.1 (size=4096)\n" +
            "Prot LocalAddress:Port Scheduler Flags\n" +
            "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n" +
            "TCP  10.96.45.10:80 rr\n" +
            "  -> 10.244.1.5:9376              Masq    1      0          0         \n" +
            "  -> 10.244.2.7:9376              Masq    1      0          0         \n" +
            "  -> 10.244.3.9:9376              Masq    1      0          0         \n",
            dump);
    }

    [Fact]
    public void Virtual_servers_are_listed_by_protocol_then_address_with_ipvsadms_wrapping_comparison()
    {
        var dump = ProxyViews.Ipvs(StateFor("n", ["172.18.0.2"], ["10.244.0.0/16"],
            (Port("kube-system", "kube-dns", "dns", "10.96.0.10", 53, protocol: ServiceProtocol.Udp), [Endpoint("10.244.0.2", 53)]),
            (Port("default", "web", "", "10.96.0.20", 80, s => s with { NodePort = 30080 }), [Endpoint("10.244.0.3", 80)]),
            (Port("kube-system", "kube-dns", "dns-tcp", "10.96.0.10", 53), [Endpoint("10.244.0.2", 53)])));

        var services = dump.Split('\n').Where(l => l.Length > 0 && !l.StartsWith(' ') && !l.StartsWith("IP ", StringComparison.Ordinal) && !l.StartsWith("Prot", StringComparison.Ordinal)).ToList();
        // 10.96.x is more than 2^31 below 172.18.x, so libipvs' int subtraction wraps and puts it after.
        Assert.Equal(["TCP  172.18.0.2:30080 rr", "TCP  10.96.0.10:53 rr", "TCP  10.96.0.20:80 rr", "UDP  10.96.0.10:53 rr"], services);
    }

    [Theory]
    [InlineData("10.96.0.1", "10.96.0.2", -1)]
    [InlineData("10.96.0.1", "172.18.0.2", 1)]
    [InlineData("172.18.0.2", "192.168.0.1", -1)]
    [InlineData("10.0.0.1", "10.0.0.1", 0)]
    public void Addresses_compare_as_libipvs_subtracts_them(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(IpvsadmOrder.CompareAddresses(IPAddress.Parse(a), IPAddress.Parse(b))));

    private static List<string> Reals(IReadOnlyList<IpvsVirtualServer> servers, string address, int port) =>
        [.. servers.Single(s => s.Address.Equals(IPAddress.Parse(address)) && s.Port == port)
            .RealServers.Select(r => $"{r.Address}:{r.Port}").Order(StringComparer.Ordinal)];
}
