// The rules kube-proxy's iptables mode writes once per sync, around the per-Service ones: the top-level chains, the
// masquerade machinery (KUBE-POSTROUTING, KUBE-MARK-MASQ), the localhost-NodePort guard (KUBE-FIREWALL), the final
// jump to KUBE-NODEPORTS and the KUBE-FORWARD rules; and the jumps it links into the built-in chains.
namespace Kinet.Proxy.Views.Iptables;

internal static class IptablesBaseRules
{
    private static readonly string[] FilterTopChains =
        ["KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-FORWARD", "KUBE-NODEPORTS", "KUBE-PROXY-FIREWALL"];

    private static readonly string[] NatTopChains = ["KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-MARK-MASQ"];

    public static void WriteHead(IptablesContext c)
    {
        var rules = c.Rules;
        rules.FilterChains.AddRange(FilterTopChains);
        rules.NatChains.AddRange(NatTopChains);
        var mark = c.Options.MasqueradeMark;

        c.Nat("KUBE-POSTROUTING", "-m", "mark", "!", "--mark", $"{mark}/{mark}", "-j", "RETURN");
        // Clear the mark so a packet that traverses the stack again is not masqueraded twice.
        c.Nat("KUBE-POSTROUTING", "-j", "MARK", "--xor-mark", mark);
        string[] masquerade = ["-m", "comment", "--comment", IptablesContext.Quoted("kubernetes service traffic requiring SNAT"), "-j", "MASQUERADE"];
        c.Nat("KUBE-POSTROUTING", c.Options.RandomFully ? [.. masquerade, "--random-fully"] : masquerade);
        c.Nat("KUBE-MARK-MASQ", "-j", "MARK", "--or-mark", mark);

        if (c.Options.LocalhostNodePorts && !c.IsIPv6)
        {
            // route_localnet (needed for NodePorts on 127.0.0.1) opens a hole this rule closes (issue 90259).
            rules.FilterChains.Add("KUBE-FIREWALL");
            c.Filter("KUBE-FIREWALL", "-m", "comment", "--comment", IptablesContext.Quoted("block incoming localnet connections"),
                "-d", "127.0.0.0/8", "!", "-s", "127.0.0.0/8", "-m", "conntrack", "!", "--ctstate", "RELATED,ESTABLISHED,DNAT", "-j", "DROP");
        }
        WriteBuiltinJumps(c);
    }

    public static void WriteTail(IptablesContext c)
    {
        // nodePortAddresses unset: every local destination address takes NodePorts; this must stay the last rule.
        string[] destinations = c.IsIPv6 ? ["-m", "addrtype", "--dst-type", "LOCAL", "!", "-d", "::1/128"]
            : c.Options.LocalhostNodePorts ? ["-m", "addrtype", "--dst-type", "LOCAL"]
            : ["-m", "addrtype", "--dst-type", "LOCAL", "!", "-d", "127.0.0.0/8"];
        c.Nat("KUBE-SERVICES", ["-m", "comment", "--comment",
            IptablesContext.Quoted("kubernetes service nodeports; NOTE: this must be the last rule in this chain"), .. destinations, "-j", "KUBE-NODEPORTS"]);

        if (!c.Options.ConntrackTcpLiberal)
        {
            // INVALID packets would otherwise reset connections (kubernetes issues 74839, 117924).
            string[] invalid = ["-m", "conntrack", "--ctstate", "INVALID"];
            if (c.Options.NfacctCounters) invalid = [.. invalid, "-m", "nfacct", "--nfacct-name", "ct_state_invalid_dropped_pkts"];
            c.Filter("KUBE-FORWARD", [.. invalid, "-j", "DROP"]);
        }
        var mark = c.Options.MasqueradeMark;
        c.Filter("KUBE-FORWARD", "-m", "comment", "--comment", IptablesContext.Quoted("kubernetes forwarding rules"),
            "-m", "mark", "--mark", $"{mark}/{mark}", "-j", "ACCEPT");
        c.Filter("KUBE-FORWARD", "-m", "comment", "--comment", IptablesContext.Quoted("kubernetes forwarding conntrack rule"),
            "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT");
    }

    /// <summary>kube-proxy prepends each of its jumps (iptablesJumpChains, in order) unless it already exists; the
    /// kubelet's KUBE-FIREWALL jumps were there first (the kubelet starts before kube-proxy), so they end up last.</summary>
    private static void WriteBuiltinJumps(IptablesContext c)
    {
        var chains = new Dictionary<(string Table, string Chain), List<IptablesRule>>();
        void Prepend(string table, string chain, string target, string comment, params string[] extra)
        {
            string[] args = comment.Length == 0 ? [.. extra, "-j", target]
                : [.. extra, "-m", "comment", "--comment", IptablesContext.Quoted(comment), "-j", target];
            if (!chains.TryGetValue((table, chain), out var list)) chains[(table, chain)] = list = [];
            list.Insert(0, new IptablesRule(table, chain, args));
        }
        string[] newOnly = ["-m", "conntrack", "--ctstate", "NEW"];
        Prepend("filter", "INPUT", "KUBE-FIREWALL", "");
        Prepend("filter", "OUTPUT", "KUBE-FIREWALL", "");
        Prepend("filter", "INPUT", "KUBE-EXTERNAL-SERVICES", "kubernetes externally-visible service portals", newOnly);
        Prepend("filter", "FORWARD", "KUBE-EXTERNAL-SERVICES", "kubernetes externally-visible service portals", newOnly);
        Prepend("filter", "INPUT", "KUBE-NODEPORTS", "kubernetes health check service ports");
        Prepend("filter", "FORWARD", "KUBE-SERVICES", "kubernetes service portals", newOnly);
        Prepend("filter", "OUTPUT", "KUBE-SERVICES", "kubernetes service portals", newOnly);
        Prepend("filter", "FORWARD", "KUBE-FORWARD", "kubernetes forwarding rules");
        Prepend("filter", "INPUT", "KUBE-PROXY-FIREWALL", "kubernetes load balancer firewall", newOnly);
        Prepend("filter", "OUTPUT", "KUBE-PROXY-FIREWALL", "kubernetes load balancer firewall", newOnly);
        Prepend("filter", "FORWARD", "KUBE-PROXY-FIREWALL", "kubernetes load balancer firewall", newOnly);
        Prepend("nat", "OUTPUT", "KUBE-SERVICES", "kubernetes service portals");
        Prepend("nat", "PREROUTING", "KUBE-SERVICES", "kubernetes service portals");
        Prepend("nat", "POSTROUTING", "KUBE-POSTROUTING", "kubernetes postrouting rules");
        foreach (var list in chains.Values) c.Rules.BuiltinJumps.AddRange(list);
    }
}
