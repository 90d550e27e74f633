// ProxyNames: kube-proxy's hashed chain names, checked against names from upstream's own tests.
using Kinet.Model.Services;
using Kinet.Proxy.Nftables;

namespace Kinet.Proxy.Tests.Nftables;

public sealed class ProxyNamesTests
{
    private static readonly ServicePortName Svc1 = new("ns1", "svc1", "p80", ServiceProtocol.Tcp);

    [Fact]
    public void Service_port_chains_carry_upstreams_hash()
    {
        Assert.Equal("service-ULMVA6XW-ns1/svc1/tcp/p80", ProxyNames.ClusterPolicyChain(Svc1));
        Assert.Equal("external-ULMVA6XW-ns1/svc1/tcp/p80", ProxyNames.ExternalChain(Svc1));
    }

    [Fact]
    public void Endpoint_chains_carry_upstreams_hash()
    {
        Assert.Equal("endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80", ProxyNames.EndpointChain(Svc1, ProxyFixture.Ep("10.180.0.1")));
        Assert.Equal("affinity-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80", ProxyNames.AffinitySet(Svc1, ProxyFixture.Ep("10.180.0.1")));
    }

    [Fact]
    public void Names_too_long_for_nft_are_cut_with_an_ellipsis_and_stay_distinct()
    {
        var a = new ServicePortName(new string('a', 63), new string('b', 63), new string('c', 63), ServiceProtocol.Sctp);
        var ep1 = ProxyFixture.Ep("10.180.0.1", 65001) with { Address = System.Net.IPAddress.Parse("fd00:1234:5678:9abc:def0:1234:5678:9abc") };
        var ep2 = ep1 with { Port = 65002 };
        var n1 = ProxyNames.EndpointChain(a, ep1);
        var n2 = ProxyNames.EndpointChain(a, ep2);
        Assert.True(n1.Length <= ProxyNames.NameLengthMax);
        Assert.EndsWith("...", n1);
        Assert.NotEqual(n1, n2);
        Assert.DoesNotContain(':', n1);
    }
}
