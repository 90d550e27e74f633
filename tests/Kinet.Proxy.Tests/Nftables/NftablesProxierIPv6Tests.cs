// The IPv6 proxier: the same layout in an ip6 table (ip6 daddr, ipv6_addr, [addr]:port DNAT targets).
using System.Net;
using Kinet.Model.Services;
using Kinet.Nftables.Fake;
using Kinet.Nftables.Objects;
using Kinet.Nftables.Tracing;
using Kinet.Proxy.Nftables;

namespace Kinet.Proxy.Tests.Nftables;

public sealed class NftablesProxierIPv6Tests
{
    // Conventions here: node fd00:10::2, pods fd00:180::/64, services fd00:30::/112.
    [Fact]
    public void An_IPv6_cluster_IP_and_node_port_lead_to_the_endpoint()
    {
        var name = new ServicePortName("ns1", "svc1", "p80", ServiceProtocol.Tcp);
        var svc = new ServicePortInfo { Name = name, ClusterIP = IPAddress.Parse("fd00:30::41"), Port = 80, NodePort = 30080 };
        var ep = new EndpointInfo { Address = IPAddress.Parse("fd00:180::5"), Port = 8080 };
        var state = new ProxyState("node1", new Dictionary<ServicePortName, ServicePortInfo> { [name] = svc },
            new Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>> { [name] = [ep] })
        {
            NodeIPs = [IPAddress.Parse("fd00:10::2")],
            PodCidrs = ["10.180.0.0/16", "fd00:180::/64"],
            ServiceCidrs = ["172.30.0.0/16", "fd00:30::/112"],
        };
        var proxier = new NftablesProxier(NftFamily.Ip6);
        var fake = new NftFake();
        fake.Apply(proxier.Sync(state, full: true));
        var dump = fake.Dump(proxier.Table);
        Assert.Contains("add element ip6 kube-proxy service-ips { fd00:30::41 . tcp . 80 : goto service-ULMVA6XW-ns1/svc1/tcp/p80 }", dump);
        Assert.Contains("add rule ip6 kube-proxy endpoint-", dump);
        Assert.Contains("__fd00.180..5/8080 meta l4proto tcp dnat to [fd00:180::5]:8080", dump);
        Assert.Contains("ip6 daddr { fd00:30::/112 } drop", dump);
        Assert.DoesNotContain("10.180.0.0/16", dump);

        var tracer = new NftTracer(fake, [IPAddress.Parse("fd00:10::2")]);
        Assert.Equal("a TCP SYN from fd00:180::9 to [fd00:30::41]:80 ends at [fd00:180::5]:8080, masqueraded: no",
            tracer.Trace(new NftPacket(IPAddress.Parse("fd00:180::9"), IPAddress.Parse("fd00:30::41"), "tcp", 80), NftHookPath.Arriving).ToString());
        Assert.Equal("a TCP SYN from 2001:db8::7 to [fd00:10::2]:30080 ends at [fd00:180::5]:8080, masqueraded: yes",
            tracer.Trace(new NftPacket(IPAddress.Parse("2001:db8::7"), IPAddress.Parse("fd00:10::2"), "tcp", 30080), NftHookPath.Arriving).ToString());
    }
}
