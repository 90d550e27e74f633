// The cluster network in the kernel, realized from a ClusterNetworkSpec (DESIGN "The network, on one machine"):
// UpAsync converges the underlay bridge, the node namespaces and the routes (also after a daemon crash, adopting what
// exists); DownAsync removes everything carrying the cluster's name with no state at all. Pod sandboxes' networks are
// in ClusterNetwork.Pods.cs.
using System.Net;
using System.Text.Json.Nodes;

namespace Kinet.Node.Network;

public sealed partial class ClusterNetwork
{
    private readonly Dictionary<string, NodeNetworkSpec> nodes;

    private ClusterNetwork(ClusterNetworkSpec spec)
    {
        Spec = spec;
        nodes = spec.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
    }

    public ClusterNetworkSpec Spec { get; }

    public string Cluster => Spec.Cluster;

    /// <summary>The node's network namespace name (kinet-&lt;cluster&gt;-&lt;node&gt;); hostNetwork pods run there.</summary>
    public string NodeNetnsName(string node) => NetworkNames.NodeNetns(Cluster, Node(node).Name);

    /// <summary>/run/netns/kinet-&lt;cluster&gt;-&lt;node&gt;.</summary>
    public string NodeNetnsPath(string node) => NetworkNames.NetnsPath(NodeNetnsName(node));

    /// <summary>
    /// Makes the kernel match <paramref name="spec"/>: creates what is missing, fixes what differs, removes nodes that are
    /// no longer listed (killing their processes). Throws <see cref="NetworkConflictException"/> before touching anything
    /// when a range overlaps a route on the machine that is not the cluster's, ArgumentException for a bad spec.
    /// </summary>
    public static async Task<ClusterNetwork> UpAsync(ClusterNetworkSpec spec, CancellationToken ct)
    {
        spec.Validate();
        var cluster = spec.Cluster;
        var linksQuery = ClusterDiscovery.RootLinksAsync(ct);
        var routesQuery = IpTool.JsonAsync(null, "-4 route show table all", ct);
        var links = await linksQuery.ConfigureAwait(false);
        var routes = await routesQuery.ConfigureAwait(false);
        var own = ClusterDiscovery.ClusterLinks(cluster, links).ToHashSet(StringComparer.Ordinal);
        ConflictCheck.ThrowIfConflicts(spec, own, routes);

        var bridge = NetworkNames.Bridge(cluster);
        var names = links.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        var batch = new List<string>();
        if (!names.Contains(bridge))
            batch.Add($"link add {bridge} type bridge");
        batch.Add($"link set dev {bridge} alias {NetworkNames.BridgeAlias(cluster)} address {NetworkNames.BridgeMac(cluster)} up");
        batch.Add($"addr replace {spec.HostAddress}/{spec.Underlay.PrefixLength} dev {bridge}");

        var fresh = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in spec.Nodes)
        {
            var ns = NetworkNames.NodeNetns(cluster, node.Name);
            var veth = NetworkNames.NodeVeth(cluster, node.Name);
            if (!NamedNetns.Exists(ns))
            {
                batch.Add($"netns add {ns}");
                fresh.Add(node.Name);
            }
            if (!names.Contains(veth))
                batch.Add($"link add {veth} type veth peer name eth0 netns {ns}");
            batch.Add($"link set dev {veth} alias {NetworkNames.NodeAlias(cluster, node.Name)} master {bridge} up");
        }

        // Nodes that left: their root veth and namespace go (with any process still inside it).
        var wantedAliases = spec.Nodes.Select(n => NetworkNames.NodeAlias(cluster, n.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var link in links.Where(l => ClusterDiscovery.IsClusterLink(cluster, l) && l.Name != bridge))
            if (link.Alias is null || !wantedAliases.Contains(link.Alias))
                batch.Add($"link del {link.Name}");
        var wantedNetns = spec.Nodes.Select(n => NetworkNames.NodeNetns(cluster, n.Name)).ToHashSet(StringComparer.Ordinal);
        var known = ClusterDiscovery.KnownClusters(links).Append(cluster).ToHashSet(StringComparer.Ordinal);
        var goneNodes = ClusterDiscovery.Namespaces(cluster, known, NetworkNames.NetnsPrefix(cluster))
            .Where(n => !n.StartsWith(NetworkNames.PodNetnsPrefix(cluster), StringComparison.Ordinal) && !wantedNetns.Contains(n))
            .ToList();

        batch.AddRange(HostRoutes(spec, bridge, routes));
        await IpTool.BatchAsync(null, batch, ct).ConfigureAwait(false);
        if (goneNodes.Count > 0)
        {
            await NetnsProcesses.KillAsync(await NetnsProcesses.InAsync(goneNodes).ConfigureAwait(false), TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
            foreach (var ns in goneNodes)
                NamedNetns.Delete(ns);
        }

        await Task.WhenAll(spec.Nodes.Select(n => NodeSetup.ConvergeAsync(spec, n, fresh.Contains(n.Name), ct))).ConfigureAwait(false);
        return new ClusterNetwork(spec);
    }

    /// <summary>
    /// Removes every kernel object carrying the cluster's name: kills every process in any of its namespaces, deletes pod
    /// and node namespaces and the root links (their routes go with them). Needs no state (works after kill -9 of the
    /// daemon); returns what it found and removed.
    /// </summary>
    public static async Task<ClusterObjects> DownAsync(string cluster, CancellationToken ct)
    {
        var found = await ListClusterObjectsAsync(cluster, ct).ConfigureAwait(false);
        await NetnsProcesses.KillAsync(found.Processes, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
        if (found.RootLinks.Count > 0)
        {
            try
            {
                await IpTool.BatchAsync(null, found.RootLinks.Select(l => $"link del {l}"), ct, force: true).ConfigureAwait(false);
            }
            catch (NetworkCommandException)
            {
                // A link that vanished meanwhile (its node namespace went first) is fine; what is left is checked below.
            }
        }
        foreach (var ns in found.Namespaces)
            NamedNetns.Delete(ns);
        var left = await ListClusterObjectsAsync(cluster, ct).ConfigureAwait(false);
        if (left.Namespaces.Count > 0 || left.RootLinks.Count > 0)
            throw new InvalidOperationException($"kinet down {cluster}: could not remove {left}");
        return found;
    }

    /// <summary>Everything of the cluster that exists in the kernel (tests assert "nothing left behind" with it).</summary>
    public static async Task<ClusterObjects> ListClusterObjectsAsync(string cluster, CancellationToken ct)
    {
        NetworkNames.ValidateCluster(cluster);
        var links = await ClusterDiscovery.RootLinksAsync(ct).ConfigureAwait(false);
        var own = ClusterDiscovery.ClusterLinks(cluster, links);
        var known = ClusterDiscovery.KnownClusters(links).Append(cluster).ToHashSet(StringComparer.Ordinal);
        var namespaces = ClusterDiscovery.Namespaces(cluster, known, NetworkNames.NetnsPrefix(cluster));
        var routes = await ClusterDiscovery.RoutesThroughAsync(own.ToHashSet(StringComparer.Ordinal), ct).ConfigureAwait(false);
        return new ClusterObjects(namespaces, own, routes, await NetnsProcesses.InAsync(namespaces).ConfigureAwait(false));
    }

    // Root namespace: each node's pod CIDR via the node, the extra ranges (service CIDR) via the first node; anything
    // else on the bridge that the kernel did not add goes. A gateway needs only to be on the bridge's subnet, so these
    // go in the same batch that gives the bridge its address.
    private static IEnumerable<string> HostRoutes(ClusterNetworkSpec spec, string bridge, JsonArray routes)
    {
        var wanted = new Dictionary<string, IPAddress>(StringComparer.Ordinal);
        foreach (var node in spec.Nodes)
            wanted[Cidr.Format(node.PodCidr)] = node.Address;
        if (spec.Nodes.Count > 0)
            foreach (var extra in spec.ExtraHostRoutes)
                wanted[Cidr.Format(extra)] = spec.Nodes[0].Address;
        foreach (var route in routes.OfType<JsonObject>())
        {
            if ((string?)route["dev"] != bridge || (string?)route["protocol"] == "kernel" || route["table"] is not null
                || (string?)route["dst"] is not { } dst)
                continue;
            if (Cidr.ParseDestination(dst) is not { } network || !wanted.ContainsKey(Cidr.Format(network)))
                yield return $"route del {dst} dev {bridge}";
        }
        foreach (var (cidr, via) in wanted)
            yield return $"route replace {cidr} via {via} dev {bridge}";
    }

    private NodeNetworkSpec Node(string node) =>
        nodes.TryGetValue(node, out var spec) ? spec : throw new ArgumentException($"cluster {Cluster} has no node {node}");
}
