// Small builders for the views' tests, in the style of kube-proxy's makeTestService / makeTestEndpointSlice.
//
// Conventions (as in kube-proxy's proxier_test.go, so dumps can be compared with upstream's):
//   node "test-node", node IP 192.168.0.2; pods (cluster CIDR) 10.0.0.0/8, endpoints 10.180.0.0/16;
//   cluster IPs 172.30.0.0/16; external IPs 192.168.99.0/24; load-balancer IPs 1.2.3.4 and 5.6.7.8;
//   NodePorts 3001-3003, health-check NodePort 30000.
// The seed's cases use the seed's own addresses instead (10.96.0.0/12 services, 10.244.0.0/16 pods, node
// 172.18.0.2) and say so.
using System.Net;
using Kinet.Model.Services;

namespace Kinet.Proxy.Tests.Views;

internal static class ViewBuilders
{
    public const string TestNode = "test-node";

    public static ServicePortInfo Port(string ns, string name, string port, string clusterIP, int number,
        Func<ServicePortInfo, ServicePortInfo>? configure = null, ServiceProtocol protocol = ServiceProtocol.Tcp)
    {
        var info = new ServicePortInfo
        {
            Name = new ServicePortName(ns, name, port, protocol),
            ClusterIP = IPAddress.Parse(clusterIP),
            Port = number,
        };
        return configure is null ? info : configure(info);
    }

    public static EndpointInfo Endpoint(string address, int port, bool local = false, bool ready = true, bool serving = true, bool terminating = false) =>
        new()
        {
            Address = IPAddress.Parse(address),
            Port = port,
            Ready = ready,
            Serving = serving,
            Terminating = terminating,
            IsLocal = local,
            NodeName = local ? TestNode : "other-node",
        };

    public static IPAddress[] Ips(params string[] addresses) => [.. addresses.Select(IPAddress.Parse)];

    /// <summary>A state for the test node: each entry a Service port and its endpoints.</summary>
    public static ProxyState State(params (ServicePortInfo Port, EndpointInfo[] Endpoints)[] entries) =>
        StateFor(TestNode, ["192.168.0.2"], ["10.0.0.0/8"], entries);

    public static ProxyState StateFor(string node, string[] nodeIPs, string[] podCidrs, params (ServicePortInfo Port, EndpointInfo[] Endpoints)[] entries) =>
        new(node,
            entries.ToDictionary(e => e.Port.Name, e => e.Port),
            entries.Where(e => e.Endpoints.Length > 0).ToDictionary(e => e.Port.Name, e => (IReadOnlyList<EndpointInfo>)e.Endpoints))
        {
            NodeIPs = Ips(nodeIPs),
            PodCidrs = podCidrs,
        };
}
