// Where the host sends a LoadBalancer address: a node with a ready local endpoint under externalTrafficPolicy Local,
// else the first node.
using System.Net;
using Kinet.Model.Services;
using Kinet.Proxy.Sync;

namespace Kinet.Proxy.Tests.Sync;

public class LoadBalancerRoutesTests
{
    private static readonly ServicePortName Web = new("ns1", "web", "", ServiceProtocol.Tcp);

    private static ProxyState Node(string node, bool local, params (string Ip, string Node, bool Ready)[] endpoints)
    {
        var svc = new ServicePortInfo
        {
            Name = Web, ClusterIP = IPAddress.Parse("10.96.0.20"), Port = 80, NodePort = 30080,
            LoadBalancerIPs = [IPAddress.Parse("172.18.255.200")], ExternalPolicyLocal = local,
        };
        var eps = endpoints.Select(e => new EndpointInfo
        {
            Address = IPAddress.Parse(e.Ip), Port = 8080, NodeName = e.Node, IsLocal = e.Node == node, Ready = e.Ready, Serving = e.Ready,
        }).ToList();
        return new ProxyState(node, new Dictionary<ServicePortName, ServicePortInfo> { [Web] = svc },
            new Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>> { [Web] = eps });
    }

    public static TheoryData<string, bool, (string, string, bool)[], string> Cases => new()
    {
        { "cluster policy goes to the first node", false, [("10.244.2.5", "n2", true)], "n1" },
        { "local policy goes to a node with a ready local endpoint", true, [("10.244.2.5", "n2", true), ("10.244.3.5", "n3", true)], "n2" },
        { "a not-ready local endpoint does not count", true, [("10.244.2.5", "n2", false), ("10.244.3.5", "n3", true)], "n3" },
        { "no endpoint at all: the first node", true, [], "n1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_load_balancer_address_goes_to_the_right_node(string why, bool local, (string, string, bool)[] endpoints, string expected)
    {
        _ = why;
        var plan = LoadBalancerRoutes.Plan([Node("n1", local, endpoints), Node("n2", local, endpoints), Node("n3", local, endpoints)]);
        Assert.Equal(expected, Assert.Single(plan).Value);
    }

    [Fact]
    public void No_load_balancer_no_route() =>
        Assert.Empty(LoadBalancerRoutes.Plan([ProxyState.Empty("n1")]));
}
