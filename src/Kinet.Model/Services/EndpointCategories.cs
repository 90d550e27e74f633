// Which endpoints a Service port's traffic may use on one node: kube-proxy's CategorizeEndpoints (pkg/proxy/topology.go)
// without topology hints. Cluster traffic uses ready endpoints, falling back to serving-and-terminating ones when none
// is ready; Local traffic uses this node's ready endpoints, else its serving-and-terminating ones. Decided here once;
// the nftables renderer and the iptables/ipvs views call it.
namespace Kinet.Model.Services;

public sealed record EndpointCategories(
    IReadOnlyList<EndpointInfo> Cluster,
    IReadOnlyList<EndpointInfo> Local,
    IReadOnlyList<EndpointInfo> AllReachable,
    bool HasAnyEndpoints)
{
    /// <summary>kube-proxy: the port uses cluster endpoints unless internal traffic is Local and nothing comes from
    /// outside (even with externalTrafficPolicy: Local, cluster endpoints serve traffic from inside the cluster).</summary>
    public static bool UsesClusterEndpoints(ServicePortInfo svc) => !svc.InternalPolicyLocal || svc.ExternallyAccessible;

    public static bool UsesLocalEndpoints(ServicePortInfo svc) => svc.InternalPolicyLocal || svc.ExternalPolicyLocalEffective;

    public static EndpointCategories Of(ServicePortInfo svc, IReadOnlyList<EndpointInfo> endpoints)
    {
        IReadOnlyList<EndpointInfo> cluster = [];
        var hasAny = false;
        if (UsesClusterEndpoints(svc))
        {
            cluster = endpoints.Where(e => e.Ready).ToList();
            if (cluster.Count == 0)
                cluster = endpoints.Where(e => e.Serving && e.Terminating).ToList();
            hasAny = cluster.Count > 0;
        }
        if (!UsesLocalEndpoints(svc))
            return new EndpointCategories(cluster, [], cluster, hasAny);

        bool localReady = false, localServingTerminating = false;
        foreach (var e in endpoints)
        {
            if (e.Ready)
            {
                hasAny = true;
                localReady |= e.IsLocal;
            }
            else if (e.Serving && e.Terminating)
            {
                hasAny = true;
                localServingTerminating |= e.IsLocal;
            }
        }
        IReadOnlyList<EndpointInfo> local =
            localReady ? endpoints.Where(e => e.IsLocal && e.Ready).ToList()
            : localServingTerminating ? endpoints.Where(e => e.IsLocal && e.Serving && e.Terminating).ToList()
            : [];
        if (!UsesClusterEndpoints(svc))
            return new EndpointCategories(cluster, local, local, hasAny);

        var seen = cluster.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var all = cluster.Concat(local.Where(e => seen.Add(e.Key))).ToList();
        return new EndpointCategories(cluster, local, all, hasAny);
    }
}
