// Refuses a cluster whose ranges (underlay, pod CIDRs, extra host routes) overlap a route or address in the root
// namespace that is not on the cluster's own links: a real interface's subnet, a VPN, another Kinet cluster. Default
// routes are not conflicts (the cluster's more specific routes win only on the cluster's own ranges).
using System.Net;
using System.Text.Json.Nodes;

namespace Kinet.Node.Network;

internal static class ConflictCheck
{
    /// <param name="routes">`ip -4 -j route show table all` of the root namespace.</param>
    public static void ThrowIfConflicts(ClusterNetworkSpec spec, IReadOnlySet<string> ownLinks, JsonArray routes)
    {
        var ranges = new List<(string What, IPNetwork Range)> { ("underlay", spec.Underlay) };
        ranges.AddRange(spec.Nodes.Select(n => ($"pod CIDR of node {n.Name}", n.PodCidr)));
        ranges.AddRange(spec.ExtraHostRoutes.Select(r => ("host route", r)));
        foreach (var route in routes.OfType<JsonObject>())
        {
            var dev = (string?)route["dev"];
            if (dev is not null && ownLinks.Contains(dev))
                continue;
            if (Cidr.ParseDestination((string?)route["dst"]) is not { } dst)
                continue;
            foreach (var (what, range) in ranges)
                if (Cidr.Overlaps(dst, range))
                    throw new NetworkConflictException(
                        $"cluster {spec.Cluster}: the {what} {Cidr.Format(range)} overlaps {route["type"] ?? "the route"} {route["dst"]}" +
                        $"{(dev is null ? "" : $" on {dev}")}{(route["table"] is { } t ? $" (table {t})" : "")}, which is not this cluster's; " +
                        "choose other ranges in the cluster config");
        }
    }
}
