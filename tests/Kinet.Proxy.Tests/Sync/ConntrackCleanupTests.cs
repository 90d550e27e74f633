// Which UDP flows are stale after a sync (kube-proxy's CleanStaleEntries).
using System.Net;
using Kinet.Model.Services;
using Kinet.Proxy.Sync;
using static Kinet.Proxy.Tests.Sync.MemoryConntrack;

namespace Kinet.Proxy.Tests.Sync;

public class ConntrackCleanupTests
{
    private static readonly ServicePortName Dns = new("ns1", "dns", "p", ServiceProtocol.Udp);
    private static readonly ServicePortName Web = new("ns1", "web", "p", ServiceProtocol.Tcp);

    private static ProxyState State(params EndpointInfo[] dnsEndpoints)
    {
        var services = new Dictionary<ServicePortName, ServicePortInfo>
        {
            [Dns] = new() { Name = Dns, ClusterIP = IPAddress.Parse("10.96.0.10"), Port = 53, NodePort = 30053, LoadBalancerIPs = [IPAddress.Parse("172.18.255.200")] },
            [Web] = new() { Name = Web, ClusterIP = IPAddress.Parse("10.96.0.20"), Port = 80 },
        };
        var endpoints = new Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>> { [Dns] = dnsEndpoints };
        return new ProxyState("n1", services, endpoints);
    }

    private static EndpointInfo Ep(string ip, bool serving = true) => new() { Address = IPAddress.Parse(ip), Port = 53, Ready = serving, Serving = serving };

    public static TheoryData<string, ConntrackFlow, string?> Cases => new()
    {
        // why, flow, expected filter ("dst:port>reply", "*:port>reply" for a NodePort one) or null
        { "answered by a serving endpoint", Flow("10.96.0.10", 53, "10.244.1.5"), null },
        { "answered by an endpoint that is gone", Flow("10.96.0.10", 53, "10.244.9.9"), "10.96.0.10:53>10.244.9.9" },
        { "rejected while there was no endpoint", Flow("10.96.0.10", 53, "10.96.0.10"), "10.96.0.10:53>10.96.0.10" },
        { "through the load balancer to a gone endpoint", Flow("172.18.255.200", 53, "10.244.9.9"), "172.18.255.200:53>10.244.9.9" },
        { "through the node port to a gone endpoint", Flow("172.18.0.2", 30053, "10.244.9.9"), "*:30053>10.244.9.9" },
        { "to a not-serving endpoint", Flow("10.96.0.10", 53, "10.244.1.6"), "10.96.0.10:53>10.244.1.6" },
        { "another port of the same address", Flow("10.96.0.10", 5353, "10.244.9.9"), null },
        { "a TCP service's address", Flow("10.96.0.20", 80, "10.244.9.9"), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_udp_flow_is_stale_unless_a_serving_endpoint_answers_it(string why, ConntrackFlow flow, string? expected)
    {
        var filters = ConntrackCleanup.StaleFilters(State(Ep("10.244.1.5"), Ep("10.244.1.6", serving: false)), [flow]);
        _ = why; // names the case in the test output
        Assert.Equal(expected, filters.Count == 0 ? null : string.Join(",", filters.Select(f =>
            $"{f.OriginalDestination?.ToString() ?? "*"}:{f.OriginalDestinationPort}>{f.ReplySource}")));
    }

    [Fact]
    public void A_service_without_serving_endpoints_keeps_its_flows() =>
        Assert.Empty(ConntrackCleanup.StaleFilters(State(Ep("10.244.1.6", serving: false)), [Flow("10.96.0.10", 53, "10.96.0.10")]));
}
