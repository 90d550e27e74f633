// Chain names must be kube-proxy's exactly, or a learner cannot match them with a real node: each expected value
// below was printed by upstream (proxier_test.go's TestOverallIPTablesRules, or iptables-save on a kind node).
using Kinet.Model.Services;
using Kinet.Proxy.Views.Iptables;
using static Kinet.Proxy.Tests.Views.ViewBuilders;

namespace Kinet.Proxy.Tests.Views;

public class IptablesChainNamesTests
{
    [Theory]
    [InlineData("ns1", "svc1", "p80", "KUBE-SVC-XPGD46QRK7WJZT7O")]
    [InlineData("ns2", "svc2", "p80", "KUBE-SVC-GNZBNJ2PO5MGZ6GT")]
    [InlineData("ns3", "svc3", "p80", "KUBE-SVC-X27LE4BHSL4DOUIK")]
    [InlineData("ns4", "svc4", "p80", "KUBE-SVC-4SW47YFZTEDKD3PK")]
    [InlineData("ns5", "svc5", "p80", "KUBE-SVC-NUKIZ6OKUXPJNT4C")]
    [InlineData("default", "nginx", "", "KUBE-SVC-2CMXP7HKUVJN7L6M")]
    [InlineData("default", "kubernetes", "https", "KUBE-SVC-NPX46M4PTMTKRN6Y")]
    public void Service_chains_hash_the_port_name_and_protocol_as_kube_proxy_does(string ns, string name, string port, string expected) =>
        Assert.Equal(expected, IptablesChainNames.Service(new ServicePortName(ns, name, port, ServiceProtocol.Tcp)));

    [Fact]
    public void The_other_per_service_chains_share_the_service_hash()
    {
        var svc5 = new ServicePortName("ns5", "svc5", "p80", ServiceProtocol.Tcp);
        Assert.Equal("KUBE-FW-NUKIZ6OKUXPJNT4C", IptablesChainNames.Firewall(svc5));
        Assert.Equal("KUBE-EXT-NUKIZ6OKUXPJNT4C", IptablesChainNames.External(svc5));
        Assert.Equal("KUBE-SVL-NUKIZ6OKUXPJNT4C", IptablesChainNames.Local(svc5));
    }

    [Theory]
    [InlineData("ns1", "svc1", "p80", "10.180.0.1", 80, "KUBE-SEP-SXIVWICOYRO3J4NJ")]
    [InlineData("ns5", "svc5", "p80", "10.180.0.3", 80, "KUBE-SEP-I77PXRDZVX7PMWMN")]
    [InlineData("ns3", "svc3", "p80", "10.180.0.3", 80, "KUBE-SEP-OYPFS5VJICHGATKP")]
    [InlineData("default", "nginx", "", "10.244.0.20", 80, "KUBE-SEP-BRZDTZFF2SFWJV4H")]
    [InlineData("default", "nginx", "", "10.244.0.22", 80, "KUBE-SEP-473MVOWGJMIYYUKK")]
    public void Endpoint_chains_hash_the_port_name_protocol_and_endpoint(string ns, string name, string port, string ip, int epPort, string expected) =>
        Assert.Equal(expected, IptablesChainNames.Endpoint(new ServicePortName(ns, name, port, ServiceProtocol.Tcp), Endpoint(ip, epPort)));

    [Fact]
    public void The_protocol_is_part_of_the_hash()
    {
        var tcp = new ServicePortName("ns1", "svc1", "p80", ServiceProtocol.Tcp);
        Assert.NotEqual(IptablesChainNames.Service(tcp), IptablesChainNames.Service(tcp with { Protocol = ServiceProtocol.Udp }));
    }
}
