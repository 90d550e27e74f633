// Where a Service port's traffic enters kube-proxy's iptables rules: KUBE-SERVICES matches the cluster IP, external
// IPs and load-balancer IPs, KUBE-NODEPORTS the NodePort (also on 127.0.0.0/8, counted by nfacct); when a kind of
// traffic has nowhere to go the same matches become REJECT/DROP rules in the filter table (KUBE-SERVICES,
// KUBE-EXTERNAL-SERVICES), and loadBalancerSourceRanges add a DROP in KUBE-PROXY-FIREWALL for what KUBE-FW lets
// through undNATed.
using System.Globalization;

namespace Kinet.Proxy.Views.Iptables;

internal static class IptablesEntryRules
{
    public static void Write(IptablesContext c, IptablesServicePlan p)
    {
        var svc = p.Svc;
        var clusterIP = svc.ClusterIP.ToString();
        if (p.HasInternalEndpoints)
            c.Nat("KUBE-SERVICES", [.. Match(p, $"{p.NameString} cluster IP", clusterIP), "-j", p.InternalTrafficChain]);
        else
            c.Filter("KUBE-SERVICES", [.. Match(p, p.InternalFilterComment, clusterIP, quote: false), "-j", p.InternalFilterTarget]);

        foreach (var externalIP in svc.ExternalIPs.Select(ip => ip.ToString()))
        {
            if (p.HasEndpoints)
                c.Nat("KUBE-SERVICES", [.. Match(p, $"{p.NameString} external IP", externalIP), "-j", p.ExternalTrafficChain]);
            if (!p.HasExternalEndpoints)
                c.Filter("KUBE-EXTERNAL-SERVICES", [.. Match(p, p.ExternalFilterComment, externalIP, quote: false), "-j", p.ExternalFilterTarget]);
        }

        foreach (var lbIP in svc.LoadBalancerIPs.Select(ip => ip.ToString()))
        {
            if (p.HasEndpoints)
                c.Nat("KUBE-SERVICES", [.. Match(p, $"{p.NameString} loadbalancer IP", lbIP), "-j", p.LoadBalancerTrafficChain]);
            if (p.UsesFirewallChain)
                c.Filter("KUBE-PROXY-FIREWALL", [.. Match(p, $"{p.NameString} traffic not accepted by {p.FirewallChain}", lbIP), "-j", "DROP"]);
        }
        if (!p.HasExternalEndpoints)
        {
            foreach (var lbIP in svc.LoadBalancerIPs.Select(ip => ip.ToString()))
                c.Filter("KUBE-EXTERNAL-SERVICES", [.. Match(p, p.ExternalFilterComment, lbIP, quote: false), "-j", p.ExternalFilterTarget]);
        }

        if (svc.NodePort != 0) WriteNodePort(c, p, svc.NodePort.ToString(CultureInfo.InvariantCulture));

        // Only a LoadBalancer with externalTrafficPolicy Local has a health-check NodePort (apiservice.NeedsHealthCheck);
        // it is accepted whether or not this node has local endpoints, since that is what the load balancer asks.
        if (svc.HealthCheckNodePort != 0 && svc.ExternalPolicyLocal)
        {
            c.Filter("KUBE-NODEPORTS", "-m", "comment", "--comment", IptablesContext.Quoted($"{p.NameString} health check node port"),
                "-m", "tcp", "-p", "tcp", "--dport", svc.HealthCheckNodePort.ToString(CultureInfo.InvariantCulture), "-j", "ACCEPT");
        }
    }

    private static void WriteNodePort(IptablesContext c, IptablesServicePlan p, string nodePort)
    {
        string[] head = ["-m", "comment", "--comment", p.NameString, "-m", p.Protocol, "-p", p.Protocol];
        if (p.HasEndpoints)
        {
            // NodePorts are not subject to loadBalancerSourceRanges, for better or worse.
            if (c.Options.LocalhostNodePorts && !c.IsIPv6 && c.Options.NfacctCounters)
            {
                c.Nat("KUBE-NODEPORTS", [.. head, "-d", "127.0.0.0/8", "--dport", nodePort,
                    "-m", "nfacct", "--nfacct-name", "localhost_nps_accepted_pkts", "-j", p.ExternalTrafficChain]);
            }
            c.Nat("KUBE-NODEPORTS", [.. head, "--dport", nodePort, "-j", p.ExternalTrafficChain]);
        }
        if (!p.HasExternalEndpoints)
        {
            c.Filter("KUBE-EXTERNAL-SERVICES", "-m", "comment", "--comment", p.ExternalFilterComment,
                "-m", "addrtype", "--dst-type", "LOCAL", "-m", p.Protocol, "-p", p.Protocol, "--dport", nodePort, "-j", p.ExternalFilterTarget);
        }
    }

    /// <summary>`-m comment --comment C -m proto -p proto -d IP --dport port`, the match every entry rule starts with.</summary>
    internal static string[] Match(IptablesServicePlan p, string comment, string destination, bool quote = true) =>
        ["-m", "comment", "--comment", quote ? IptablesContext.Quoted(comment) : comment,
            "-m", p.Protocol, "-p", p.Protocol, "-d", destination, "--dport", p.Port];
}
