// Which UDP conntrack flows are stale, as kube-proxy 1.32 decides after each sync (pkg/proxy/conntrack/cleanup.go,
// CleanStaleEntries): for every UDP Service port with at least one serving endpoint, a flow to one of its frontends
// (cluster IP, load-balancer IPs, external IPs with the port; any address with the NodePort) whose reply does not come
// from a serving endpoint is stale: it points at an endpoint that is gone, or it was rejected while there was none
// (the reply source is then the frontend itself). Without this a UDP client that keeps its source port would keep
// sending into the void. Traffic policies, topology and terminating state deliberately play no part (as upstream).
using System.Net;
using Kinet.Model.Services;

namespace Kinet.Proxy.Sync;

public static class ConntrackCleanup
{
    public static IReadOnlyList<ConntrackFilter> StaleFilters(ProxyState state, IEnumerable<ConntrackFlow> flows)
    {
        var byFrontend = new Dictionary<(IPAddress, int), HashSet<IPAddress>>();
        var byNodePort = new Dictionary<int, HashSet<IPAddress>>();
        foreach (var (name, svc) in state.Services)
        {
            if (name.Protocol != ServiceProtocol.Udp) continue;
            var serving = state.EndpointsOf(name).Where(e => e.Serving).Select(e => e.Address).ToHashSet();
            if (serving.Count == 0) continue; // nothing to steer to: leave the flows alone
            byFrontend[(svc.ClusterIP, svc.Port)] = serving;
            foreach (var ip in svc.LoadBalancerIPs) byFrontend[(ip, svc.Port)] = serving;
            foreach (var ip in svc.ExternalIPs) byFrontend[(ip, svc.Port)] = serving;
            if (svc.NodePort != 0) byNodePort[svc.NodePort] = serving;
        }
        var filters = new List<ConntrackFilter>();
        if (byFrontend.Count == 0 && byNodePort.Count == 0) return filters;
        foreach (var flow in flows)
        {
            if (byFrontend.TryGetValue((flow.OriginalDestination, flow.OriginalDestinationPort), out var endpoints)
                && !endpoints.Contains(flow.ReplySource))
                filters.Add(new ConntrackFilter(flow.OriginalDestination, flow.OriginalDestinationPort, flow.ReplySource));
            if (byNodePort.TryGetValue(flow.OriginalDestinationPort, out endpoints) && !endpoints.Contains(flow.ReplySource))
                filters.Add(new ConntrackFilter(null, flow.OriginalDestinationPort, flow.ReplySource));
        }
        return filters.Distinct().ToList();
    }
}
