// `kinet proxy rules [--node N] [--service ns/name] [--format nft|iptables|ipvs]`: what a node's service proxy does, for
// learners. nft: the node's live `kube-proxy` table (kernel data plane; the renderer's output on a simulated cluster);
// iptables / ipvs: what kube-proxy's iptables or ipvs mode would program on that node for the same Services and
// endpoints (`iptables-save`, `ipvsadm -Ln`).
using System.CommandLine;
using Kinet.Cli.Clusters;
using Kinet.Cli.Dns;
using Kinet.Cli.Proxy;
using Kinet.Model.Cluster;
using Kinet.Proxy.Views;

namespace Kinet.Cli.Commands;

internal static class ProxyCommand
{
    private static readonly string[] Formats = ["nft", "iptables", "ipvs"];

    public static Command Create(CliEnvironment env)
    {
        var name = CommonOptions.Name();
        var node = new Option<string?>("--node") { Description = "the node whose rules to show (default: the first node)" };
        var service = new Option<string?>("--service") { Description = "only this Service's rules (namespace/name; a bare name means default/name)" };
        var format = new Option<string>("--format")
        {
            Description = "nft (the live ruleset), iptables (as kube-proxy's iptables mode would program it) or ipvs (ipvsadm -Ln)",
            DefaultValueFactory = _ => "nft",
        };
        var rules = new Command("rules", "Show a node's service proxy rules") { name, node, service, format };
        rules.SetAction((parse, ct) => RulesAsync(env, CommonOptions.ClusterNameOf(parse, name), parse.GetValue(node), parse.GetValue(service),
            parse.GetValue(format)!, ct));
        return new Command("proxy", "The service proxy (kube-proxy's nftables mode) of each node") { rules };
    }

    public static async Task<int> RulesAsync(CliEnvironment env, string cluster, string? nodeName, string? service, string format, CancellationToken ct)
    {
        if (!Formats.Contains(format)) throw new CliException($"unknown --format \"{format}\" (nft, iptables or ipvs)");
        var filter = ServiceFilter.Parse(service);
        var dir = ClusterDirectory.For(env.KinetHome, cluster);
        var config = ClusterClientConfig.ForRunning(dir);
        var spec = ClusterConfig.Parse(File.Exists(dir.Config) ? await File.ReadAllTextAsync(dir.Config, ct) : null, cluster).Spec;
        var node = nodeName is null ? spec.Nodes[0] : spec.FindNode(nodeName) ?? spec.FindNode($"{cluster}-{nodeName}")
            ?? throw new CliException($"cluster \"{cluster}\" has no node \"{nodeName}\" (nodes: {string.Join(", ", spec.Nodes.Select(n => n.Name))})");

        if (format == "nft" && dir.ReadDataPlane() == DataPlane.Kernel)
        {
            if (!DataPlanes.KernelAllowed) throw new CliException("reading a node's nftables needs root (or use --format iptables|ipvs)");
            var live = await ProxyRulesSource.LiveAsync(Kinet.Node.Network.NetworkNames.NodeNetns(cluster, node.Name), ct)
                ?? throw new CliException($"node {node.Name} has no kube-proxy table yet (its proxy has not synced)");
            await env.Out.WriteAsync(filter is { } f ? NftListingFilter.Only(live, f.Namespace, f.Name) : live);
            return 0;
        }
        var state = await ProxyRulesSource.StateAsync(config, spec, node, ct);
        var text = format switch
        {
            "iptables" => ProxyViews.Iptables(state, service),
            "ipvs" => ProxyViews.Ipvs(state, service),
            _ => await ProxyRulesSource.RenderedAsync(state, ct) is var rendered && filter is { } f
                ? NftListingFilter.Only(rendered, f.Namespace, f.Name) : rendered,
        };
        await env.Out.WriteAsync(text);
        return 0;
    }
}
