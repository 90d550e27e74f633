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
        rules.IsIPv6 = context.IsIPv6;

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
