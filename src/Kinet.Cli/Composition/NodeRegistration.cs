// Registers the cluster's nodes at daemon start, as each kubelet registers its Node: from the cluster config (kind's
// format; three nodes without one), creating missing Nodes and leaving existing ones (and their status) alone.
using Kinet.Controllers.Client;
using Kinet.Model.Cluster;

namespace Kinet.Cli.Composition;

internal static class NodeRegistration
{
    private static readonly ResourceRef Nodes = new("", "nodes");

    public static async Task<ClusterSpec> RegisterAsync(IObjectClient client, string clusterName, string? configText,
        NodeHostInfo host, Action<string> log, CancellationToken ct)
    {
        var result = ClusterConfig.Parse(configText, clusterName);
        foreach (var w in result.Warnings) log("cluster config: " + w);
        foreach (var node in NodeObjects.BuildAll(result.Spec, host, DateTimeOffset.UtcNow))
        {
            var name = node["metadata"]!["name"]!.GetValue<string>();
            if (client.Get(Nodes, null, name) is not null) continue;
            try { await client.CreateAsync(Nodes, node, "kubelet", ct); }
            catch (ObjectConflictException) { } // registered meanwhile
            log($"registered node {name}");
        }
        return result.Spec;
    }
}
