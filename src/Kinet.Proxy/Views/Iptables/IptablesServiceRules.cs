// One Service port's rules in kube-proxy's iptables mode (the body of syncProxyRules' per-service loop): the
// KUBE-SERVICES / KUBE-NODEPORTS entry points, REJECT/DROP in the filter table when nothing can serve, the EXT chain
// that sorts external traffic by source, the FW chain for loadBalancerSourceRanges, and the SVC/SVL dispatch chains.
// Which endpoints each kind of traffic uses comes from EndpointCategories, as the nftables renderer uses it.
using System.Net;
using Kinet.Model.Services;

namespace Kinet.Proxy.Views.Iptables;

internal static class IptablesServiceRules
{
    public static void Write(IptablesContext c, ServicePortInfo svc, IReadOnlyList<EndpointInfo> endpoints)
    {
        var name = svc.Name;
        var nameString = name.ToString();
        var protocol = name.LowerProtocol;
        var port = svc.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var categories = EndpointCategories.Of(svc, endpoints);
        var hasEndpoints = categories.HasAnyEndpoints;
        var externalPolicyLocal = svc.ExternalPolicyLocalEffective;

        var clusterPolicyChain = IptablesChainNames.Service(name);
        var usesClusterPolicyChain = categories.Cluster.Count > 0 && EndpointCategories.UsesClusterEndpoints(svc);
        var localPolicyChain = IptablesChainNames.Local(name);
        var usesLocalPolicyChain = categories.Local.Count > 0 && EndpointCategories.UsesLocalEndpoints(svc);

        var internalTrafficChain = svc.InternalPolicyLocal ? localPolicyChain : clusterPolicyChain;
        var hasInternalEndpoints = hasEndpoints && !(svc.InternalPolicyLocal && categories.Local.Count == 0);
        var externalPolicyChain = externalPolicyLocal ? localPolicyChain : clusterPolicyChain;
        var hasExternalEndpoints = hasEndpoints && !(externalPolicyLocal && categories.Local.Count == 0);

        // The EXT chain exists whenever anything could serve, even with no externally usable endpoint, because its
        // short-circuit rules still send traffic from pods and from the node to the cluster chain.
        var externalTrafficChain = IptablesChainNames.External(name);
        var usesExternalTrafficChain = hasEndpoints && svc.ExternallyAccessible;
        var sourceRanges = SourceRanges(svc);
        var firewallChain = IptablesChainNames.Firewall(name);
        var usesFirewallChain = hasEndpoints && svc.LoadBalancerIPs.Count > 0 && sourceRanges.Count > 0;
        var loadBalancerTrafficChain = usesFirewallChain ? firewallChain : externalTrafficChain;

        string internalFilterTarget = "", internalFilterComment = "", externalFilterTarget = "", externalFilterComment = "";
        if (!hasEndpoints)
        {
            internalFilterTarget = externalFilterTarget = "REJECT";
            internalFilterComment = externalFilterComment = IptablesContext.Quoted($"{nameString} has no endpoints");
        }
        else
        {
            if (!hasInternalEndpoints)
            {
                internalFilterTarget = "DROP";
                internalFilterComment = IptablesContext.Quoted($"{nameString} has no local endpoints");
            }
            if (!hasExternalEndpoints)
            {
                externalFilterTarget = "DROP";
                externalFilterComment = IptablesContext.Quoted($"{nameString} has no local endpoints");
            }
        }

        var clusterIP = svc.ClusterIP.ToString();
        if (hasInternalEndpoints)
        {
            c.Nat("KUBE-SERVICES", "-m", "comment", "--comment", IptablesContext.Quoted($"{nameString} cluster IP"),
                "-m", protocol, "-p", protocol, "-d", clusterIP, "--dport", port, "-j", internalTrafficChain);
        }
        else
        {
            c.Filter("KUBE-SERVICES", "-m", "comment", "--comment", internalFilterComment,
                "-m", protocol, "-p", protocol, "-d", clusterIP, "--dport", port, "-j", internalFilterTarget);
        }

        foreach (var externalIP in svc.ExternalIPs)
        {
            if (hasEndpoints)
            {
                c.Nat("KUBE-SERVICES", "-m", "comment", "--comment", IptablesContext.Quoted($"{nameString} external IP"),
                    "-m", protocol, "-p", protocol, "-d", externalIP.ToString(), "--dport", port, "-j", externalTrafficChain);
            }
            if (!hasExternalEndpoints)
            {
                c.Filter("KUBE-EXTERNAL-SERVICES", "-m", "comment", "--comment", externalFilterComment,
                    "-m", protocol, "-p", protocol, "-d", externalIP.ToString(), "--dport", port, "-j", externalFilterTarget);
            }
        }

        foreach (var lbIP in svc.LoadBalancerIPs)
        {
            if (hasEndpoints)
            {
                c.Nat("KUBE-SERVICES", "-m", "comment", "--comment", IptablesContext.Quoted($"{nameString} loadbalancer IP"),
                    "-m", protocol, "-p", protocol, "-d", lbIP.ToString(), "--dport", port, "-j", loadBalancerTrafficChain);
            }
            if (usesFirewallChain)
            {
                c.Filter("KUBE-PROXY-FIREWALL", "-m", "comment", "--comment", IptablesContext.Quoted($"{nameString} traffic not accepted by {firewallChain}"),
                    "-m", protocol, "-p", protocol, "-d", lbIP.ToString(), "--dport", port, "-j", "DROP");
            }
        }
        if (!hasExternalEndpoints)
        {
            foreach (var lbIP in svc.LoadBalancerIPs)
            {
                c.Filter("KUBE-EXTERNAL-SERVICES", "-m", "comment", "--comment", externalFilterComment,
                    "-m", protocol, "-p", protocol, "-d", lbIP.ToString(), "--dport", port, "-j", externalFilterTarget);
            }
        }

        if (svc.NodePort != 0)
        {
            var nodePort = svc.NodePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (hasEndpoints)
            {
                // NodePorts are not subject to loadBalancerSourceRanges, for better or worse.
                if (c.Options.LocalhostNodePorts && !c.IsIPv6 && c.Options.NfacctCounters)
                {
                    c.Nat("KUBE-NODEPORTS", "-m", "comment", "--comment", nameString, "-m", protocol, "-p", protocol,
                        "-d", "127.0.0.0/8", "--dport", nodePort, "-m", "nfacct", "--nfacct-name", "localhost_nps_accepted_pkts",
                        "-j", externalTrafficChain);
                }
                c.Nat("KUBE-NODEPORTS", "-m", "comment", "--comment", nameString, "-m", protocol, "-p", protocol,
                    "--dport", nodePort, "-j", externalTrafficChain);
            }
            if (!hasExternalEndpoints)
            {
                c.Filter("KUBE-EXTERNAL-SERVICES", "-m", "comment", "--comment", externalFilterComment,
                    "-m", "addrtype", "--dst-type", "LOCAL", "-m", protocol, "-p", protocol, "--dport", nodePort,
                    "-j", externalFilterTarget);
            }
        }

        // Only a LoadBalancer with externalTrafficPolicy Local has a health-check NodePort (apiservice.NeedsHealthCheck);
        // it is accepted whether or not this node has local endpoints, since that is what the load balancer asks.
        if (svc.HealthCheckNodePort != 0 && svc.ExternalPolicyLocal)
        {
            c.Filter("KUBE-NODEPORTS", "-m", "comment", "--comment", IptablesContext.Quoted($"{nameString} health check node port"),
                "-m", "tcp", "-p", "tcp", "--dport", svc.HealthCheckNodePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-j", "ACCEPT");
        }

        if (hasInternalEndpoints)
        {
            string[] match = ["-m", "comment", "--comment", IptablesContext.Quoted($"{nameString} cluster IP"),
                "-m", protocol, "-p", protocol, "-d", clusterIP, "--dport", port];
            if (c.Options.MasqueradeAll)
                c.Nat(internalTrafficChain, [.. match, "-j", "KUBE-MARK-MASQ"]);
            else if (c.ClusterCidr is { } cidr)
                // Off-cluster traffic to a cluster IP (a static route to the service range via any node) may bounce
                // to another node, so it is masqueraded.
                c.Nat(internalTrafficChain, [.. match, "!", "-s", cidr, "-j", "KUBE-MARK-MASQ"]);
        }

        if (usesExternalTrafficChain)
        {
            c.Rules.NatChains.Add(externalTrafficChain);
            if (!externalPolicyLocal)
            {
                // Cluster policy may cross nodes: masquerade so replies come back through this node.
                c.Nat(externalTrafficChain, "-m", "comment", "--comment",
                    IptablesContext.Quoted($"masquerade traffic for {nameString} external destinations"), "-j", "KUBE-MARK-MASQ");
            }
            else
            {
                if (c.ClusterCidr is { } cidr)
                {
                    // Pod → external address behaves as if it went out to the load balancer and came back: no policy.
                    c.Nat(externalTrafficChain, "-m", "comment", "--comment",
                        IptablesContext.Quoted($"pod traffic for {nameString} external destinations"), "-s", cidr, "-j", clusterPolicyChain);
                }
                // From the node itself the source would be a local address (often the LB IP itself): masquerade and
                // use the cluster chain.
                c.Nat(externalTrafficChain, "-m", "comment", "--comment",
                    IptablesContext.Quoted($"masquerade LOCAL traffic for {nameString} external destinations"),
                    "-m", "addrtype", "--src-type", "LOCAL", "-j", "KUBE-MARK-MASQ");
                c.Nat(externalTrafficChain, "-m", "comment", "--comment",
                    IptablesContext.Quoted($"route LOCAL traffic for {nameString} external destinations"),
                    "-m", "addrtype", "--src-type", "LOCAL", "-j", clusterPolicyChain);
            }
            if (hasExternalEndpoints) c.Nat(externalTrafficChain, "-j", externalPolicyChain);
        }

        if (usesFirewallChain) WriteFirewallChain(c, svc, nameString, firewallChain, externalTrafficChain, sourceRanges);

        if (usesClusterPolicyChain)
        {
            c.Rules.NatChains.Add(clusterPolicyChain);
            IptablesEndpointRules.WriteDispatch(c, svc, clusterPolicyChain, categories.Cluster);
        }
        if (usesLocalPolicyChain)
        {
            c.Rules.NatChains.Add(localPolicyChain);
            IptablesEndpointRules.WriteDispatch(c, svc, localPolicyChain, categories.Local);
        }
        foreach (var endpoint in categories.AllReachable) IptablesEndpointRules.WriteEndpointChain(c, svc, endpoint);
    }

    private static void WriteFirewallChain(IptablesContext c, ServicePortInfo svc, string nameString, string firewallChain,
        string externalTrafficChain, IReadOnlyList<IPNetwork> sourceRanges)
    {
        c.Rules.NatChains.Add(firewallChain);
        string[] head = ["-m", "comment", "--comment", IptablesContext.Quoted($"{nameString} loadbalancer IP")];
        var allowFromNode = false;
        var nodeIP = c.State.NodeIPs.Count > 0 ? c.State.NodeIPs[0] : null;
        foreach (var range in sourceRanges)
        {
            c.Nat(firewallChain, [.. head, "-s", range.ToString(), "-j", externalTrafficChain]);
            allowFromNode |= nodeIP is not null && range.Contains(nodeIP);
        }
        // A VIP-like load balancer often makes the VIP a local address: a request from this node then loops back with
        // the VIP as its source, which must pass too.
        if (allowFromNode)
        {
            foreach (var lbIP in svc.LoadBalancerIPs) c.Nat(firewallChain, [.. head, "-s", lbIP.ToString(), "-j", externalTrafficChain]);
        }
        // What falls off the end was not DNATed and meets the DROP in KUBE-PROXY-FIREWALL.
        c.Nat(firewallChain, "-m", "comment", "--comment", IptablesContext.Quoted($"other traffic to {nameString} will be dropped by KUBE-PROXY-FIREWALL"));
    }

    /// <summary>loadBalancerSourceRanges as kube-proxy keeps them: trimmed, parsed, invalid ones dropped.</summary>
    private static List<IPNetwork> SourceRanges(ServicePortInfo svc)
    {
        var ranges = new List<IPNetwork>();
        foreach (var text in svc.LoadBalancerSourceRanges)
        {
            if (ParseCidr(text.Trim()) is { } network && network.BaseAddress.AddressFamily == svc.ClusterIP.AddressFamily)
                ranges.Add(network);
        }
        return ranges;
    }

    /// <summary>Go's net.ParseCIDR: host bits may be set and are masked off.</summary>
    private static IPNetwork? ParseCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix))
            return null;
        var bytes = address.GetAddressBytes();
        if (prefix > bytes.Length * 8) return null;
        for (var bit = prefix; bit < bytes.Length * 8; bit++) bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new IPNetwork(new IPAddress(bytes), prefix);
    }
}
