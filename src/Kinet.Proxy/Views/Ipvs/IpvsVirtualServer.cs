// One IPVS virtual server and its real servers, as kube-proxy's ipvs mode programs them (utilipvs.VirtualServer /
// RealServer): scheduler rr, persistence for ClientIP affinity, every real server masqueraded with weight 1.
using System.Net;
using Kinet.Model.Services;

namespace Kinet.Proxy.Views.Ipvs;

public sealed record IpvsVirtualServer(ServiceProtocol Protocol, IPAddress Address, int Port, IReadOnlyList<IpvsRealServer> RealServers)
{
    public string Scheduler { get; init; } = "rr";

    /// <summary>The persistence timeout in seconds; 0 when not persistent.</summary>
    public int PersistentTimeout { get; init; }
}

public sealed record IpvsRealServer(IPAddress Address, int Port)
{
    public string Forward { get; init; } = "Masq";

    public int Weight { get; init; } = 1;
}
