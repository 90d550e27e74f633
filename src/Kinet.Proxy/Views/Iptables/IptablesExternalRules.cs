// The chains external traffic passes in kube-proxy's iptables mode. KUBE-EXT-* takes NodePort, external-IP and
// load-balancer traffic: with the Cluster policy it masquerades (the endpoint may be on another node), with Local it
// keeps the client address but first short-circuits traffic from pods and from the node itself to the cluster chain.
// KUBE-FW-* (loadBalancerSourceRanges) lets the allowed sources on to KUBE-EXT; the rest falls off its end.
using System.Net;

namespace Kinet.Proxy.Views.Iptables;

internal static class IptablesExternalRules
{
    public static void WriteExternalChain(IptablesContext c, IptablesServicePlan p)
    {
        var chain = p.ExternalTrafficChain;
        c.Rules.NatChains.Add(chain);
        if (!p.ExternalPolicyLocal)
        {
            c.Nat(chain, [.. Comment($"masquerade traffic for {p.NameString} external destinations"), "-j", "KUBE-MARK-MASQ"]);
        }
        else
        {
            // Pod → external address behaves as if it went out to the load balancer and came back: no policy applies.
            if (c.ClusterCidr is { } cidr)
                c.Nat(chain, [.. Comment($"pod traffic for {p.NameString} external destinations"), "-s", cidr, "-j", p.ClusterPolicyChain]);
            // From the node itself the source is a local address (often the LB IP itself): masquerade, cluster chain.
            c.Nat(chain, [.. Comment($"masquerade LOCAL traffic for {p.NameString} external destinations"),
                "-m", "addrtype", "--src-type", "LOCAL", "-j", "KUBE-MARK-MASQ"]);
            c.Nat(chain, [.. Comment($"route LOCAL traffic for {p.NameString} external destinations"),
                "-m", "addrtype", "--src-type", "LOCAL", "-j", p.ClusterPolicyChain]);
        }
        if (p.HasExternalEndpoints) c.Nat(chain, "-j", p.ExternalPolicyChain);
    }

    public static void WriteFirewallChain(IptablesContext c, IptablesServicePlan p)
    {
        var chain = p.FirewallChain;
        c.Rules.NatChains.Add(chain);
        var head = Comment($"{p.NameString} loadbalancer IP");
        var allowFromNode = false;
        var nodeIP = c.State.NodeIPs.Count > 0 ? c.State.NodeIPs[0] : null;
        foreach (var range in p.SourceRanges)
        {
            c.Nat(chain, [.. head, "-s", range.ToString(), "-j", p.ExternalTrafficChain]);
            allowFromNode |= nodeIP is not null && range.Contains(nodeIP);
        }
        // A VIP-like load balancer often makes the VIP a local address: a request from this node then loops back with
        // the VIP as its source, which must pass too.
        if (allowFromNode)
        {
            foreach (IPAddress lbIP in p.Svc.LoadBalancerIPs) c.Nat(chain, [.. head, "-s", lbIP.ToString(), "-j", p.ExternalTrafficChain]);
        }
        // What falls off the end was not DNATed and meets the DROP in KUBE-PROXY-FIREWALL.
        c.Nat(chain, Comment($"other traffic to {p.NameString} will be dropped by KUBE-PROXY-FIREWALL"));
    }

    private static string[] Comment(string text) => ["-m", "comment", "--comment", IptablesContext.Quoted(text)];
}
