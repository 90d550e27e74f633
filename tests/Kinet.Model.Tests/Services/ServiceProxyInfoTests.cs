// A Service's JSON as the proxy's ServicePortInfos (kube-proxy's serviceToServiceMap / newBaseServiceInfo).
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Kinet.Model.Services;

namespace Kinet.Model.Tests.Services;

public class ServiceProxyInfoTests
{
    private static JsonObject Svc(string spec, string? status = null) => JsonNode.Parse($$"""
        {"metadata":{"namespace":"ns1","name":"svc1"},"spec":{{spec}}{{(status is null ? "" : ",\"status\":" + status)}}}
        """)!.AsObject();

    [Theory]
    [InlineData("""{"clusterIP":"None","ports":[{"port":80,"protocol":"TCP"}]}""")]
    [InlineData("""{"clusterIP":"","ports":[{"port":80,"protocol":"TCP"}]}""")]
    [InlineData("""{"ports":[{"port":80,"protocol":"TCP"}]}""")]
    [InlineData("""{"type":"ExternalName","externalName":"example.com","clusterIP":"10.96.0.9","ports":[{"port":80}]}""")]
    [InlineData("""{"clusterIP":"fd00::9","clusterIPs":["fd00::9"],"ports":[{"port":80,"protocol":"TCP"}]}""")]
    public void Headless_ExternalName_and_other_family_Services_get_no_ports(string spec) =>
        Assert.Empty(ServiceProxyInfo.From(Svc(spec)));

    [Fact]
    public void Every_port_becomes_one_entry_named_by_port_name_and_protocol()
    {
        var ports = ServiceProxyInfo.From(Svc("""
            {"clusterIP":"10.96.0.20","clusterIPs":["10.96.0.20"],"ports":[
              {"name":"http","port":80,"protocol":"TCP","targetPort":8080},
              {"name":"dns","port":53,"protocol":"UDP"},
              {"name":"s","port":9,"protocol":"SCTP"}]}
            """));
        Assert.Equal(["ns1/svc1:http", "ns1/svc1:dns", "ns1/svc1:s"], ports.Select(p => p.Name.ToString()));
        Assert.Equal([ServiceProtocol.Tcp, ServiceProtocol.Udp, ServiceProtocol.Sctp], ports.Select(p => p.Name.Protocol));
        Assert.Equal([80, 53, 9], ports.Select(p => p.Port));
        Assert.All(ports, p => Assert.Equal(IPAddress.Parse("10.96.0.20"), p.ClusterIP));
        Assert.All(ports, p => Assert.False(p.ExternallyAccessible));
    }

    [Fact]
    public void An_unnamed_port_is_named_after_the_service_alone() =>
        Assert.Equal("ns1/svc1", ServiceProxyInfo.From(Svc("""{"clusterIP":"10.96.0.20","ports":[{"port":80,"protocol":"TCP"}]}"""))[0].Name.ToString());

    [Fact]
    public void A_dual_stack_service_gives_the_cluster_ip_of_each_family()
    {
        var svc = Svc("""{"clusterIP":"fd00::20","clusterIPs":["fd00::20","10.96.0.20"],"externalIPs":["1.2.3.4","fd00::1"],"ports":[{"port":80,"protocol":"TCP"}]}""");
        var v4 = Assert.Single(ServiceProxyInfo.From(svc, AddressFamily.InterNetwork));
        var v6 = Assert.Single(ServiceProxyInfo.From(svc, AddressFamily.InterNetworkV6));
        Assert.Equal("10.96.0.20", v4.ClusterIP.ToString());
        Assert.Equal("fd00::20", v6.ClusterIP.ToString());
        Assert.Equal(["1.2.3.4"], v4.ExternalIPs.Select(a => a.ToString()));
        Assert.Equal(["fd00::1"], v6.ExternalIPs.Select(a => a.ToString()));
    }

    [Theory]
    [InlineData("ClusterIP", 0)]
    [InlineData("NodePort", 30080)]
    [InlineData("LoadBalancer", 30080)]
    public void Only_NodePort_and_LoadBalancer_services_keep_their_node_port(string type, int expected) =>
        Assert.Equal(expected, ServiceProxyInfo.From(Svc($$"""{"type":"{{type}}","clusterIP":"10.96.0.20","ports":[{"port":80,"protocol":"TCP","nodePort":30080}]}"""))[0].NodePort);

    [Fact]
    public void Load_balancer_ips_come_from_status_except_proxy_mode_and_hostname_ingress()
    {
        var p = ServiceProxyInfo.From(Svc(
            """{"type":"LoadBalancer","clusterIP":"10.96.0.20","loadBalancerSourceRanges":[" 192.168.0.0/16 ","fd00::/8"],"ports":[{"port":80,"protocol":"TCP","nodePort":30001}]}""",
            """{"loadBalancer":{"ingress":[{"ip":"172.18.255.200"},{"ip":"172.18.255.201","ipMode":"VIP"},{"ip":"172.18.255.202","ipMode":"Proxy"},{"hostname":"lb.example"}]}}"""))[0];
        Assert.Equal(["172.18.255.200", "172.18.255.201"], p.LoadBalancerIPs.Select(a => a.ToString()));
        Assert.Equal(["192.168.0.0/16"], p.LoadBalancerSourceRanges);
        Assert.True(p.ExternallyAccessible);
    }

    [Theory]
    // type, externalTrafficPolicy, externalIPs, expected ExternalPolicyLocal, expected health check port
    [InlineData("LoadBalancer", "Local", false, true, 32000)]
    [InlineData("LoadBalancer", "Cluster", false, false, 0)]
    [InlineData("NodePort", "Local", false, true, 0)]
    [InlineData("ClusterIP", "Local", false, false, 0)]
    [InlineData("ClusterIP", "Local", true, true, 0)]
    public void External_traffic_policy_applies_only_to_externally_accessible_services(string type, string etp, bool externalIPs, bool local, int healthCheck)
    {
        var p = ServiceProxyInfo.From(Svc($$"""
            {"type":"{{type}}","clusterIP":"10.96.0.20","externalTrafficPolicy":"{{etp}}","healthCheckNodePort":32000,
             {{(externalIPs ? "\"externalIPs\":[\"1.2.3.4\"]," : "")}}"ports":[{"port":80,"protocol":"TCP","nodePort":30001}]}
            """))[0];
        Assert.Equal(local, p.ExternalPolicyLocal);
        Assert.Equal(healthCheck, p.HealthCheckNodePort);
    }

    [Fact]
    public void Internal_traffic_policy_local_is_kept() =>
        Assert.True(ServiceProxyInfo.From(Svc("""{"clusterIP":"10.96.0.20","internalTrafficPolicy":"Local","ports":[{"port":80,"protocol":"TCP"}]}"""))[0].InternalPolicyLocal);

    [Theory]
    [InlineData("""{"clusterIP":"10.96.0.20","sessionAffinity":"ClientIP","sessionAffinityConfig":{"clientIP":{"timeoutSeconds":60}},"ports":[{"port":80}]}""", true, 60)]
    [InlineData("""{"clusterIP":"10.96.0.20","sessionAffinity":"ClientIP","ports":[{"port":80}]}""", true, 10800)]
    [InlineData("""{"clusterIP":"10.96.0.20","sessionAffinity":"None","ports":[{"port":80}]}""", false, 10800)]
    public void Client_ip_affinity_carries_its_timeout(string spec, bool affinity, int timeout)
    {
        var p = ServiceProxyInfo.From(Svc(spec))[0];
        Assert.Equal(affinity, p.ClientIPAffinity);
        Assert.Equal(timeout, p.StickyMaxAgeSeconds);
    }
}
