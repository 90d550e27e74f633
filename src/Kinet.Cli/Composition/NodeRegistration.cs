// Registers the cluster's nodes at daemon start, as each kubelet registers its Node: from the cluster config (kind's
// format; three nodes without one; the daemon parses it), creating missing Nodes and leaving existing ones (and their status) alone.
using Kinet.Controllers.Client;
using Kinet.Model.Cluster;

namespace Kinet.Cli.Composition;

internal static class NodeRegistration
{
    private static readonly ResourceRef Nodes = new("", "nodes");

    public static async Task RegisterAsync(IObjectClient client, ClusterSpec spec, NodeHostInfo host, Action<string> log, CancellationToken ct)
    {
        foreach (var node in NodeObjects.BuildAll(spec, host, DateTimeOffset.UtcNow))
        {
            var name = node["metadata"]!["name"]!.GetValue<string>();
            if (client.Get(Nodes, null, name) is not null) continue;
            try { await client.CreateAsync(Nodes, node, "kubelet", ct); }
            catch (ObjectConflictException) { } // registered meanwhile
            log($"registered node {name}");
        }
    }
}
