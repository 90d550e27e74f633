// What the proxier believes the node's table holds after a sync: the rendered Service ports, every map and set element
// with how many ports want it (a cluster IP is shared by a Service's ports), and the node-wide inputs of the layout.
using Kinet.Model.Services;
using Kinet.Nftables.Objects;

namespace Kinet.Proxy.Nftables;

internal sealed class ProxierMemory
{
    public Dictionary<ServicePortName, RenderedPort> Ports { get; } = [];

    /// <summary>Keyed by "map\0key".</summary>
    public Dictionary<string, (NftElement Element, int Owners)> Elements { get; } = new(StringComparer.Ordinal);

    public string NodeSignature { get; set; } = "";

    public static string ElementId(NftElement e) => e.SetOrMap + "\0" + NftNames.ElementKey(e);

    /// <summary>The node-wide inputs that shape the shared layout; when they change the next sync is full.</summary>
    public static string Signature(ProxyState state) =>
        string.Join(",", state.NodeIPs) + "|" + string.Join(",", state.PodCidrs) + "|" + string.Join(",", state.ServiceCidrs);
}
