// LoadBalancer addresses reachable from the host: each allocated address sits inside the underlay on the bridge, so
// without a route the host would ARP for it and nobody answers. A /32 route via the chosen node's underlay address
// sends it there (what a layer-2 load balancer's announcement achieves on a real network). The routes hang off the
// bridge, so `kinet down` (which deletes the bridge) removes them with it; UpAsync drops them too, and the daemon's
// proxies put them back after their first sync.
using System.Net;
using System.Text.Json.Nodes;

namespace Kinet.Node.Network;

public sealed partial class ClusterNetwork
{
    /// <summary>Makes the host's /32 routes on the bridge exactly <paramref name="routes"/> (LB address → node name):
    /// missing or moved ones are replaced, ones no longer wanted are deleted.</summary>
    public async Task SetLoadBalancerRoutesAsync(IReadOnlyDictionary<IPAddress, string> routes, CancellationToken ct)
    {
        var bridge = NetworkNames.Bridge(Cluster);
        var present = await IpTool.JsonAsync(null, $"-4 route show dev {bridge}", ct).ConfigureAwait(false);
        var batch = new List<string>();
        var have = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var route in present.OfType<JsonObject>())
        {
            // Host routes print as a bare address; the pod CIDR and service CIDR routes have a prefix length.
            if ((string?)route["dst"] is not { } dst || dst.Contains('/') || (string?)route["protocol"] == "kernel") continue;
            have[dst] = (string?)route["gateway"];
        }
        var wanted = routes.ToDictionary(r => r.Key.ToString(), r => Node(r.Value).Address.ToString(), StringComparer.Ordinal);
        foreach (var (dst, _) in have)
            if (!wanted.ContainsKey(dst)) batch.Add($"route del {dst}/32 dev {bridge}");
        foreach (var (dst, via) in wanted)
            if (!have.TryGetValue(dst, out var gateway) || gateway != via)
                batch.Add($"route replace {dst}/32 via {via} dev {bridge}");
        if (batch.Count > 0) await IpTool.BatchAsync(null, batch, ct, force: true).ConfigureAwait(false);
    }
}
