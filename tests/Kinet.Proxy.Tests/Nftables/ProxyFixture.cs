// Builders and a rendered node for the proxier tests, in the style of kube-proxy's makeTestService.
//
// Conventions (all proxier tests):
//   this node "node1" has IP 192.168.0.2; another node is 192.168.0.3
//   pod CIDR 10.180.0.0/16: this node's pods are 10.180.0.x, the other node's 10.180.1.x
//   service CIDR 172.30.0.0/16: cluster IPs 172.30.0.41, .42, ...
//   external IPs and load-balancer IPs 5.6.7.x; clients outside the cluster 203.0.113.x (and 198.51.100.x)
using System.Net;
using Kinet.Model.Services;
using Kinet.Nftables.Fake;
using Kinet.Nftables.Tracing;
using Kinet.Proxy.Nftables;

namespace Kinet.Proxy.Tests.Nftables;

internal sealed class ProxyFixture
{
    public const string NodeIP = "192.168.0.2";

    private readonly Dictionary<ServicePortName, ServicePortInfo> _services = [];
    private readonly Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>> _endpoints = [];

    public bool WithNodeIPs { get; init; } = true;

    public static ServicePortInfo MakeService(string ns, string name, string clusterIP, int port = 80, Func<ServicePortInfo, ServicePortInfo>? tweak = null,
        string portName = "p80", ServiceProtocol protocol = ServiceProtocol.Tcp)
    {
        var svc = new ServicePortInfo
        {
            Name = new ServicePortName(ns, name, portName, protocol),
            ClusterIP = IPAddress.Parse(clusterIP),
            Port = port,
        };
        return tweak is null ? svc : tweak(svc);
    }

    /// <summary>An endpoint; local when its address is one of this node's pods (10.180.0.x).</summary>
    public static EndpointInfo Ep(string ip, int port = 80, bool ready = true, bool serving = true, bool terminating = false) => new()
    {
        Address = IPAddress.Parse(ip),
        Port = port,
        Ready = ready,
        Serving = serving,
        Terminating = terminating,
        IsLocal = ip.StartsWith("10.180.0.", StringComparison.Ordinal),
        NodeName = ip.StartsWith("10.180.0.", StringComparison.Ordinal) ? "node1" : "node2",
    };

    public ProxyFixture Add(ServicePortInfo svc, params EndpointInfo[] endpoints)
    {
        _services[svc.Name] = svc;
        _endpoints[svc.Name] = endpoints;
        return this;
    }

    public ProxyFixture Remove(ServicePortName name)
    {
        _services.Remove(name);
        _endpoints.Remove(name);
        return this;
    }

    public ProxyFixture SetEndpoints(ServicePortName name, params EndpointInfo[] endpoints)
    {
        _endpoints[name] = endpoints;
        return this;
    }

    public ProxyState State => new("node1",
        new Dictionary<ServicePortName, ServicePortInfo>(_services),
        new Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>>(_endpoints))
    {
        NodeIPs = WithNodeIPs ? [IPAddress.Parse(NodeIP)] : [],
        PodCidrs = ["10.180.0.0/16"],
        ServiceCidrs = ["172.30.0.0/16"],
    };

    /// <summary>A full sync of the current state applied to a new fake.</summary>
    public (NftFake Fake, NftablesProxier Proxier) Render()
    {
        var fake = new NftFake();
        var proxier = new NftablesProxier();
        fake.Apply(proxier.Sync(State, full: true));
        proxier.Committed();
        return (fake, proxier);
    }

    public NftTracer Tracer() => new(Render().Fake, [IPAddress.Parse(NodeIP)]);

    public static string Dump(NftFake fake) => fake.Dump(new NftablesProxier().Table);
}
