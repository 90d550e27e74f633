// What every iptables rule family needs while rendering one state: the state, kube-proxy's settings, the rule set
// being filled, and what syncProxyRules works out once per sync (the local-traffic CIDR, large-cluster mode, family).
using Kinet.Model.Services;

namespace Kinet.Proxy.Views.Iptables;

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
