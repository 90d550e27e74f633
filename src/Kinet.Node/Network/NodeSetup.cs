// Makes one node namespace match the spec (called by ClusterNetwork.UpAsync, converging: it reads what exists and
// replaces or deletes what differs): lo and eth0 up with the node address, cni0 with the pod CIDR's first address,
// forwarding on inside the node only, no default route, and the routes to the other nodes' pod CIDRs (routed: via their
// underlay address; VXLAN: via flannel.1 with static neighbour and FDB entries, as Flannel's vxlan backend programs them).
// The service CIDR (ExtraHostRoutes) is routed to a sink device that goes nowhere: a real node routes a ClusterIP by its
// default route, so a packet to a Service without endpoints reaches kube-proxy's filter-forward reject (the client sees
// "connection refused"); without any route the node would answer "network unreachable" before the proxy's rules ran.
using System.Text.Json.Nodes;

namespace Kinet.Node.Network;

internal static class NodeSetup
{
    public const string Vtep = "flannel.1";

    /// <summary>The device the service CIDR is routed to in each node: a bridge without ports, which drops whatever
    /// reaches it (this kernel may have no dummy driver).</summary>
    public const string ServiceSink = "kinet-svc0";

    public static async Task ConvergeAsync(ClusterNetworkSpec spec, NodeNetworkSpec node, bool fresh, CancellationToken ct)
    {
        var ns = NetworkNames.NodeNetns(spec.Cluster, node.Name);
        var linksQuery = fresh ? Task.FromResult(new JsonArray()) : IpTool.JsonAsync(ns, "link show", ct);
        var routesQuery = fresh ? Task.FromResult(new JsonArray()) : IpTool.JsonAsync(ns, "-4 route show", ct);
        var links = (await linksQuery.ConfigureAwait(false)).OfType<JsonObject>().Select(l => (string?)l["ifname"]).OfType<string>().ToHashSet();
        var routes = (await routesQuery.ConfigureAwait(false)).OfType<JsonObject>().ToList();
        var remotes = spec.Nodes.Where(n => n.Name != node.Name).ToList();
        var wanted = remotes.Select(r => Cidr.Format(r.PodCidr)).Concat(spec.ExtraHostRoutes.Select(Cidr.Format)).ToHashSet();
        var vxlan = spec.Mode == NetworkMode.Vxlan;

        var batch = new List<string>();
        foreach (var route in routes)
        {
            // Anything not made by the kernel for an address, and not a route to another node, goes: no default route
            // ever, no route to a node that left.
            var dst = (string?)route["dst"];
            if ((string?)route["protocol"] == "kernel" || dst is null)
                continue;
            var network = Cidr.ParseDestination(dst);
            if (dst == "default" || network is null || !wanted.Contains(Cidr.Format(network.Value)))
                batch.Add($"route del {dst}");
        }
        batch.Add("link set dev lo up");
        batch.Add("link set dev eth0 mtu 1500 up");
        batch.Add($"addr replace {node.Address}/{spec.Underlay.PrefixLength} dev eth0");
        if (!links.Contains("cni0"))
            batch.Add("link add cni0 type bridge");
        batch.Add($"link set dev cni0 address {NetworkNames.CniMac(spec.Cluster, node.Name)} mtu {spec.PodMtu} up");
        batch.Add($"addr replace {Cidr.Nth(node.PodCidr, 1)}/{node.PodCidr.PrefixLength} dev cni0");
        if (!links.Contains(ServiceSink))
            batch.Add($"link add {ServiceSink} type bridge");
        batch.Add($"link set dev {ServiceSink} up");
        foreach (var extra in spec.ExtraHostRoutes)
            batch.Add($"route replace {Cidr.Format(extra)} dev {ServiceSink}");
        if (vxlan)
        {
            if (!links.Contains(Vtep))
                batch.Add($"link add {Vtep} type vxlan id 1 local {node.Address} dev eth0 dstport 8472 nolearning");
            batch.Add($"link set dev {Vtep} address {NetworkNames.VtepMac(spec.Cluster, node.Name)} mtu 1450 up");
            batch.Add($"addr replace {Cidr.Nth(node.PodCidr, 0)}/32 dev {Vtep}");
            foreach (var remote in remotes)
            {
                var remoteVtep = Cidr.Nth(remote.PodCidr, 0);
                batch.Add($"neigh replace {remoteVtep} lladdr {NetworkNames.VtepMac(spec.Cluster, remote.Name)} dev {Vtep} nud permanent");
                batch.Add($"route replace {Cidr.Format(remote.PodCidr)} via {remoteVtep} dev {Vtep} onlink");
            }
        }
        else
        {
            if (links.Contains(Vtep))
                batch.Add($"link del {Vtep}");
            foreach (var remote in remotes)
                batch.Add($"route replace {Cidr.Format(remote.PodCidr)} via {remote.Address} dev eth0");
        }
        await IpTool.BatchAsync(ns, batch, ct).ConfigureAwait(false);
        await NetnsThread.RunAsync(NetworkNames.NetnsPath(ns), () =>
        {
            WriteSysctls();
            if (vxlan)
                WriteFdb(spec, remotes);
        }).ConfigureAwait(false);
    }

    // Runs inside the node's namespace: where to send each remote VTEP's frames (its underlay address).
    private static void WriteFdb(ClusterNetworkSpec spec, IReadOnlyList<NodeNetworkSpec> remotes)
    {
        using var netlink = new Netlink.RtNetlink();
        var vtep = Netlink.RtNetlink.IndexOf(Vtep);
        foreach (var remote in remotes)
            netlink.ReplaceFdb(vtep, NetworkNames.VtepMac(spec.Cluster, remote.Name), remote.Address);
    }

    // Runs inside the node's namespace: /proc/sys/net shows the namespace of the thread that opens it. Forwarding is on
    // here only (never in the root namespace); reverse-path filtering is off so pod traffic arriving from the overlay or
    // another node is never dropped by a stricter setting inherited from the host; bridged pod traffic on cni0 goes
    // through the node's own netfilter hooks (what kubeadm requires of a node, so the node's kube-proxy rules also see
    // traffic between two pods of the same node), when br_netfilter is there at all.
    private static void WriteSysctls()
    {
        File.WriteAllText("/proc/sys/net/ipv4/ip_forward", "1");
        foreach (var conf in Directory.EnumerateDirectories("/proc/sys/net/ipv4/conf"))
            File.WriteAllText(Path.Combine(conf, "rp_filter"), "0");
        const string bridgeNf = "/proc/sys/net/bridge/bridge-nf-call-iptables";
        if (File.Exists(bridgeNf))
            File.WriteAllText(bridgeNf, "1");
    }
}
