// What `kinet proxy rules` shows, from where: the node's ProxyState is rebuilt from the running cluster's Services,
// EndpointSlices and Node through the official client and the same change tracker the node's proxy uses, so the iptables
// and ipvs views describe exactly the state the nftables rules were rendered from. The nft view is the live table of the
// node's namespace on the kernel data plane, and the renderer's output (into the in-memory fake) on the simulated one.
using System.Text.Json.Nodes;
using k8s;
using Kinet.Model.Cluster;
using Kinet.Model.Services;
using Kinet.Nftables.Fake;
using Kinet.Nftables.Objects;
using Kinet.Proxy.Nftables;
using Kinet.Proxy.Sync;

namespace Kinet.Cli.Proxy;

internal static class ProxyRulesSource
{
    public static async Task<ProxyState> StateAsync(KubernetesClientConfiguration config, ClusterSpec spec, NodeSpec node, CancellationToken ct)
    {
        using var client = new Kubernetes(config);
        var services = await client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: ct).ConfigureAwait(false);
        var slices = await client.DiscoveryV1.ListEndpointSliceForAllNamespacesAsync(cancellationToken: ct).ConfigureAwait(false);
        var nodeObject = await client.CoreV1.ReadNodeAsync(node.Name, cancellationToken: ct).ConfigureAwait(false);
        var tracker = new ProxyChangeTracker(node.Name);
        foreach (var s in services.Items) tracker.OnService(null, Json(s));
        foreach (var s in slices.Items) tracker.OnEndpointSlice(null, Json(s));
        tracker.OnNode(Json(nodeObject));
        var empty = ProxyState.Empty(node.Name) with
        {
            NodeIPs = [node.InternalIP],
            PodCidrs = [spec.PodSubnet.ToString()],
            ServiceCidrs = [spec.ServiceSubnet.ToString()],
        };
        return tracker.Checkout(empty);
    }

    /// <summary>The table the renderer makes of <paramref name="state"/>, as nft would list it.</summary>
    public static async Task<string> RenderedAsync(ProxyState state, CancellationToken ct)
    {
        var proxier = new NftablesProxier();
        var fake = new NftFake();
        await fake.RunAsync(proxier.Sync(state, full: true), ct).ConfigureAwait(false);
        return await fake.ListTableAsync(proxier.Table, ct).ConfigureAwait(false) ?? "";
    }

    /// <summary>The live table in the node's namespace; null when the node's proxy has not written it.</summary>
    public static Task<string?> LiveAsync(string netns, CancellationToken ct) =>
        new Kinet.Node.Nftables.NetnsNftables(netns).ListTableAsync(new NftTable(NftFamily.Ip, ProxyNames.TableName), ct);

    private static JsonObject Json(object o) => JsonNode.Parse(KubernetesJson.Serialize(o))!.AsObject();
}
