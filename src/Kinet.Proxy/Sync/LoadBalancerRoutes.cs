// Which node the host sends each LoadBalancer address to, as a layer-2 load balancer (MetalLB's L2 speaker, kind's
// cloud-provider-kind) would announce it: with externalTrafficPolicy: Local, the first node (in cluster order) that has a
// ready local endpoint of the Service, so the client address survives and the node has somewhere to send it; otherwise
// (or when no node has one) the first node. The host then routes "lbIP/32 via that node's underlay address".
using System.Net;
using Kinet.Model.Services;

namespace Kinet.Proxy.Sync;

public static class LoadBalancerRoutes
{
    /// <summary>LB address → the node (by name) that should receive it. <paramref name="nodes"/> are each node's proxy
    /// state, in cluster order.</summary>
    public static IReadOnlyDictionary<IPAddress, string> Plan(IReadOnlyList<ProxyState> nodes)
    {
        var plan = new Dictionary<IPAddress, string>();
        if (nodes.Count == 0) return plan;
        // Every node's state lists the same Services; the first node's decides which LB addresses exist.
        var byAddress = new Dictionary<IPAddress, List<ServicePortInfo>>();
        foreach (var svc in nodes[0].Services.Values)
            foreach (var ip in svc.LoadBalancerIPs)
            {
                if (!byAddress.TryGetValue(ip, out var list)) byAddress[ip] = list = [];
                list.Add(svc);
            }
        foreach (var (ip, ports) in byAddress)
        {
            string? chosen = null;
            if (ports.Any(p => p.ExternalPolicyLocalEffective))
                chosen = nodes.FirstOrDefault(n => ports.Any(p => n.EndpointsOf(p.Name).Any(e => e.IsLocal && e.Ready)))?.Node;
            plan[ip] = chosen ?? nodes[0].Node;
        }
        return plan;
    }
}
