// kube-proxy's iptables mode (pkg/proxy/iptables/proxier.go syncProxyRules, 1.32) as a pure function: ProxyState for
// one node → the filter and nat rules it would restore. Services are visited in name order (upstream walks a map;
// the order only moves whole Services around) and endpoints in "ip:port" string order, as upstream's endpoint cache
// sorts them. With a Service filter only that Service's rules are rendered, without the shared scaffolding.
using Kinet.Model.Services;

namespace Kinet.Proxy.Views.Iptables;

public static class IptablesRenderer
{
    public static IptablesRuleSet Render(ProxyState state, IptablesOptions? options = null, ServiceFilter? filter = null)
    {
        options ??= IptablesOptions.Default;
        var rules = new IptablesRuleSet();
        var full = filter is null;
        var context = new IptablesContext(state, options, rules);

        if (full) IptablesBaseRules.WriteHead(context);

        var ports = state.Services.Values
            .Where(s => filter?.Matches(s.Name) ?? true)
            .OrderBy(s => s.Name.ToString(), StringComparer.Ordinal)
            .ThenBy(s => s.Name.Protocol)
            .ToList();
        foreach (var svc in ports)
        {
            var endpoints = state.EndpointsOf(svc.Name).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
            IptablesServiceRules.Write(context, svc, endpoints);
        }

        if (full) IptablesBaseRules.WriteTail(context);
        return rules;
    }
}

/// <summary>What every rule family needs while rendering one state.</summary>
internal sealed class IptablesContext
{
    public IptablesContext(ProxyState state, IptablesOptions options, IptablesRuleSet rules)
    {
        State = state;
        Options = options;
        Rules = rules;
        ClusterCidr = state.PodCidrs.Count > 0 ? state.PodCidrs[0] : null;
        var totalEndpoints = state.Services.Keys.Sum(name => state.EndpointsOf(name).Count);
        LargeClusterMode = totalEndpoints > options.LargeClusterEndpointsThreshold;
        var sample = state.NodeIPs.Concat(state.Services.Values.Select(s => s.ClusterIP)).FirstOrDefault();
        IsIPv6 = sample?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }

    /// <summary>The family this state is for (a ProxyState holds one).</summary>
    public bool IsIPv6 { get; }

    public ProxyState State { get; }

    public IptablesOptions Options { get; }

    public IptablesRuleSet Rules { get; }

    /// <summary>The detect-local CIDR (kube-proxy's --cluster-cidr); null leaves the local detector unimplemented.</summary>
    public string? ClusterCidr { get; }

    /// <summary>Past 1000 endpoints kube-proxy drops the per-endpoint comments to keep the ruleset small.</summary>
    public bool LargeClusterMode { get; }

    public void Filter(string chain, params string[] args) => Rules.FilterRules.Add(new IptablesRule("filter", chain, args));

    public void Nat(string chain, params string[] args) => Rules.NatRules.Add(new IptablesRule("nat", chain, args));

    /// <summary>`-m comment --comment X` unless the cluster is large (appendServiceCommentLocked).</summary>
    public IEnumerable<string> ServiceComment(string comment) =>
        LargeClusterMode ? [] : ["-m", "comment", "--comment", comment];

    public static string Quoted(string text) => $"\"{text}\"";
}
