// One Service port's rules in kube-proxy's iptables mode, in the order syncProxyRules writes them: entry points,
// the masquerade rule for off-cluster traffic to the cluster IP, the EXT and FW chains, the SVC/SVL dispatch chains
// and one KUBE-SEP chain per endpoint reachable from this node.
using Kinet.Model.Services;

namespace Kinet.Proxy.Views.Iptables;

internal static class IptablesServiceRules
{
    public static void Write(IptablesContext c, ServicePortInfo svc, IReadOnlyList<EndpointInfo> endpoints)
    {
        var p = IptablesServicePlan.For(svc, endpoints);
        IptablesEntryRules.Write(c, p);

        if (p.HasInternalEndpoints)
        {
            var match = IptablesEntryRules.Match(p, $"{p.NameString} cluster IP", svc.ClusterIP.ToString());
            if (c.Options.MasqueradeAll)
                c.Nat(p.InternalTrafficChain, [.. match, "-j", "KUBE-MARK-MASQ"]);
            else if (c.ClusterCidr is { } cidr)
                // Off-cluster traffic to a cluster IP (a static route to the service range via any node) may bounce
                // to another node, so it is masqueraded.
                c.Nat(p.InternalTrafficChain, [.. match, "!", "-s", cidr, "-j", "KUBE-MARK-MASQ"]);
        }

        if (p.UsesExternalTrafficChain) IptablesExternalRules.WriteExternalChain(c, p);
        if (p.UsesFirewallChain) IptablesExternalRules.WriteFirewallChain(c, p);

        if (p.UsesClusterPolicyChain)
        {
            c.Rules.NatChains.Add(p.ClusterPolicyChain);
            IptablesEndpointRules.WriteDispatch(c, svc, p.ClusterPolicyChain, p.Categories.Cluster);
        }
        if (p.UsesLocalPolicyChain)
        {
            c.Rules.NatChains.Add(p.LocalPolicyChain);
            IptablesEndpointRules.WriteDispatch(c, svc, p.LocalPolicyChain, p.Categories.Local);
        }
        foreach (var endpoint in p.Categories.AllReachable) IptablesEndpointRules.WriteEndpointChain(c, svc, endpoint);
    }
}
