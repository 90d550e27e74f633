// Pod sandboxes' networks: a namespace per pod (kinet-<cluster>-pod-<podId>) with lo, eth0 (a veth whose other end is on
// the node's cni0), the pod's addresses and a default route via cni0's address. A new pod costs no process at all
// (PodPlumbing: in-process, over rtnetlink, no `ip` process); an existing one is re-adopted and fixed with `ip`.
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Kinet.Node.Network;

public sealed partial class ClusterNetwork
{
    /// <summary>
    /// Creates (or re-adopts and fixes) the network of pod <paramref name="podId"/> on <paramref name="node"/> with the
    /// IPv4 addresses <paramref name="ips"/> from the node's pod CIDR. Safe to call for different pods concurrently.
    /// </summary>
    public async Task<PodNetworkHandle> CreatePodNetworkAsync(string node, string podId, IReadOnlyList<IPAddress> ips, CancellationToken ct)
    {
        NetworkNames.ValidatePodId(podId);
        var spec = Node(node);
        ValidatePodAddresses(spec, ips);
        var handle = new PodNetworkHandle(podId, spec.Name, NetworkNames.PodNetns(Cluster, podId),
            NetworkNames.NetnsPath(NetworkNames.PodNetns(Cluster, podId)), "eth0", ips, spec.PodCidr.PrefixLength,
            Cidr.Nth(spec.PodCidr, 1), Spec.PodMtu);
        var nodeNs = NetworkNames.NodeNetns(Cluster, spec.Name);
        var plug = $"link add {handle.HostVeth} mtu {handle.Mtu} master cni0 up type veth peer name eth0 mtu {handle.Mtu} netns {handle.NetnsName}";

        // A daemon killed between creating /run/netns/<pod> and bind-mounting the namespace on it leaves a plain file.
        if (NamedNetns.Exists(handle.NetnsName) && !await NamedNetns.IsNamespaceAsync(handle.NetnsName).ConfigureAwait(false))
            NamedNetns.Delete(handle.NetnsName);
        if (!NamedNetns.Exists(handle.NetnsName))
        {
            await PodPlumbing.CreateAsync(NetworkNames.NetnsPath(nodeNs), handle).ConfigureAwait(false);
            return handle;
        }

        // Re-adopt: the namespace survived a daemon restart. Plug it in again if its veth is gone, then make the
        // addresses and the route exactly the wanted ones.
        var addresses = await IpTool.JsonAsync(handle.NetnsName, "-4 addr show", ct).ConfigureAwait(false);
        var eth0 = addresses.OfType<JsonObject>().FirstOrDefault(l => (string?)l["ifname"] == "eth0");
        var present = eth0?["addr_info"]?.AsArray().OfType<JsonObject>()
            .Select(a => $"{a["local"]}/{a["prefixlen"]}").ToList() ?? [];
        await IpTool.BatchAsync(nodeNs,
            [eth0 is null ? plug : $"link set dev {handle.HostVeth} mtu {handle.Mtu} master cni0 up",
             $"link set dev {handle.HostVeth} type bridge_slave hairpin on"], ct).ConfigureAwait(false);
        await IpTool.BatchAsync(handle.NetnsName, PodSide(handle, present), ct).ConfigureAwait(false);
        return handle;
    }

    /// <summary>Removes the pod's network: its veth (synchronously, so its name and addresses are free at once) and
    /// its namespace. The caller stops the pod's processes first. Removing a pod that has none is a no-op.</summary>
    public async Task DeletePodNetworkAsync(string podId, CancellationToken ct)
    {
        NetworkNames.ValidatePodId(podId);
        var ns = NetworkNames.PodNetns(Cluster, podId);
        if (!NamedNetns.Exists(ns))
            return;
        try
        {
            await PodPlumbing.UnplugAsync(NetworkNames.NetnsPath(ns)).ConfigureAwait(false);
        }
        catch (IOException e) when (e is not Netlink.NetlinkException)
        {
            // Not a namespace (a half-made one): there is nothing to unplug, only the file to remove.
        }
        NamedNetns.Delete(ns);
    }

    /// <summary>The pod ids whose network namespace exists (for recovery after a daemon restart).</summary>
    public async Task<IReadOnlyList<string>> ListPodNetworksAsync(CancellationToken ct)
    {
        var links = await ClusterDiscovery.RootLinksAsync(ct).ConfigureAwait(false);
        var known = ClusterDiscovery.KnownClusters(links).Append(Cluster).ToHashSet(StringComparer.Ordinal);
        var prefix = NetworkNames.PodNetnsPrefix(Cluster);
        return ClusterDiscovery.Namespaces(Cluster, known, prefix).Select(n => n[prefix.Length..]).ToList();
    }

    private static IEnumerable<string> PodSide(PodNetworkHandle handle, IReadOnlyList<string> present)
    {
        var wanted = handle.Addresses.Select(a => $"{a}/{handle.PrefixLength}").ToList();
        yield return "link set dev lo up";
        yield return $"link set dev eth0 mtu {handle.Mtu} up";
        foreach (var stale in present.Except(wanted))
            yield return $"addr del {stale} dev eth0";
        foreach (var address in wanted.Except(present))
            yield return $"addr add {address} dev eth0";
        yield return $"route replace default via {handle.Gateway} dev eth0";
    }

    private static void ValidatePodAddresses(NodeNetworkSpec node, IReadOnlyList<IPAddress> ips)
    {
        if (ips.Count == 0)
            throw new ArgumentException("a pod network needs at least one address");
        var broadcast = Cidr.Nth(node.PodCidr, (1u << (32 - node.PodCidr.PrefixLength)) - 1);
        foreach (var ip in ips)
            if (ip.AddressFamily != AddressFamily.InterNetwork || !node.PodCidr.Contains(ip)
                || ip.Equals(node.PodCidr.BaseAddress) || ip.Equals(Cidr.Nth(node.PodCidr, 1)) || ip.Equals(broadcast))
                throw new ArgumentException($"pod address {ip} is not a free IPv4 host address of node {node.Name}'s pod CIDR {node.PodCidr}");
    }
}
