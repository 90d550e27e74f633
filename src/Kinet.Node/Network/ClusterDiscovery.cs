// Finds a cluster's kernel objects from its name alone (no daemon state): root links by alias (or the bridge's
// deterministic name), namespaces by name prefix. Cluster names may be prefixes of one another ("a" and "a-b"), so a
// namespace belongs to the longest cluster name known on the machine (from root-link aliases) that prefixes it.
using System.Text.Json.Nodes;

namespace Kinet.Node.Network;

internal sealed record RootLink(string Name, string? Alias);

internal static class ClusterDiscovery
{
    public static async Task<IReadOnlyList<RootLink>> RootLinksAsync(CancellationToken ct)
    {
        var links = await IpTool.JsonAsync(null, "link show", ct).ConfigureAwait(false);
        return links.OfType<JsonObject>()
            .Select(l => new RootLink((string?)l["ifname"] ?? "", (string?)l["ifalias"]))
            .Where(l => l.Name.Length > 0)
            .ToList();
    }

    public static bool IsClusterLink(string cluster, RootLink link) =>
        link.Alias?.StartsWith(NetworkNames.AliasPrefix(cluster), StringComparison.Ordinal) == true
        || link.Name == NetworkNames.Bridge(cluster);

    public static IReadOnlyList<string> ClusterLinks(string cluster, IReadOnlyList<RootLink> links) =>
        links.Where(l => IsClusterLink(cluster, l)).Select(l => l.Name).ToList();

    /// <summary>Cluster names that have links on this machine ("kinet/&lt;cluster&gt;/..." aliases).</summary>
    public static IReadOnlySet<string> KnownClusters(IReadOnlyList<RootLink> links)
    {
        var clusters = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in links)
        {
            if (link.Alias is not { } alias || !alias.StartsWith("kinet/", StringComparison.Ordinal))
                continue;
            var end = alias.IndexOf('/', 6);
            if (end > 6)
                clusters.Add(alias[6..end]);
        }
        return clusters;
    }

    /// <summary>The named namespaces of <paramref name="cluster"/> (nodes and pods).</summary>
    public static IReadOnlyList<string> Namespaces(string cluster, IReadOnlySet<string> knownClusters, string prefix)
    {
        var longer = knownClusters
            .Where(c => c.Length > cluster.Length && c.StartsWith(cluster + "-", StringComparison.Ordinal))
            .Select(NetworkNames.NetnsPrefix)
            .ToList();
        return NamedNetns.List()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Where(n => !longer.Any(p => n.StartsWith(p, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Root-namespace IPv4 routes (all tables) as "dst dev" lines, for the ones through <paramref name="devices"/>.</summary>
    public static async Task<IReadOnlyList<string>> RoutesThroughAsync(IReadOnlyCollection<string> devices, CancellationToken ct)
    {
        if (devices.Count == 0)
            return [];
        var routes = await IpTool.JsonAsync(null, "-4 route show table all", ct).ConfigureAwait(false);
        return routes.OfType<JsonObject>()
            .Where(r => (string?)r["dev"] is { } dev && devices.Contains(dev))
            .Select(r => $"{r["type"] ?? "unicast"} {r["dst"]} dev {r["dev"]}" + (r["table"] is { } t ? $" table {t}" : ""))
            .ToList();
    }
}
