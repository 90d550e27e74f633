// kube-proxy's ipvs mode (pkg/proxy/ipvs/proxier.go syncProxyRules and syncEndpoint, 1.32) as a pure function:
// ProxyState → the virtual servers on one node. Each Service port gets one virtual server on its cluster IP (real
// servers: cluster endpoints, or local ones with internalTrafficPolicy Local) and one on every external IP, load-
// balancer IP and node address for its NodePort (local endpoints with externalTrafficPolicy Local). Unlike the
// iptables and nftables modes, ipvs falls back to the cluster endpoints when a Local policy finds no local endpoint
// (kubernetes PR 97081), and keeps a virtual server with no real server when nothing can serve.
using System.Net;
using Kinet.Model.Services;

namespace Kinet.Proxy.Views.Ipvs;

public static class IpvsRenderer
{
    public static IReadOnlyList<IpvsVirtualServer> Render(ProxyState state, ServiceFilter? filter = null)
    {
        // Keyed like the kernel's table: adding a virtual server that exists updates it, so the last one wins.
        var servers = new Dictionary<(ServiceProtocol, IPAddress, int), IpvsVirtualServer>();
        var ports = state.Services.Values
            .Where(s => filter?.Matches(s.Name) ?? true)
            .OrderBy(s => s.Name.ToString(), StringComparer.Ordinal)
            .ThenBy(s => s.Name.Protocol);
        foreach (var svc in ports)
        {
            var categories = EndpointCategories.Of(svc, state.EndpointsOf(svc.Name));
            void Add(IPAddress address, int port, bool onlyNodeLocal)
            {
                var endpoints = !onlyNodeLocal ? categories.Cluster
                    : categories.Local.Count > 0 ? categories.Local
                    : categories.Cluster;
                var real = endpoints.Select(e => new IpvsRealServer(e.Address, e.Port)).Distinct().ToList();
                servers[(svc.Name.Protocol, address, port)] = new IpvsVirtualServer(svc.Name.Protocol, address, port, real)
                {
                    PersistentTimeout = svc.ClientIPAffinity ? svc.StickyMaxAgeSeconds : 0,
                };
            }

            Add(svc.ClusterIP, svc.Port, svc.InternalPolicyLocal);
            var externalLocal = svc.ExternalPolicyLocalEffective;
            foreach (var ip in svc.ExternalIPs) Add(ip, svc.Port, externalLocal);
            foreach (var ip in svc.LoadBalancerIPs) Add(ip, svc.Port, externalLocal);
            if (svc.NodePort != 0)
            {
                foreach (var ip in state.NodeIPs) Add(ip, svc.NodePort, externalLocal);
            }
        }
        return [.. servers.Values];
    }
}
