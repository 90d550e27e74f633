// What kube-proxy's iptables mode hands to `iptables-restore` in one sync: chain declarations and rules for the
// filter and nat tables, each rule kept as the argument list kube-proxy writes (comments with spaces carry their
// quotes, as upstream's LineBuffer gets them). Restore() prints it the way upstream's proxier_test.go expects;
// IptablesSave prints it the way `iptables-save` shows it on a node afterwards.
namespace Kinet.Proxy.Views.Iptables;

public sealed class IptablesRuleSet
{
    public List<string> FilterChains { get; } = [];

    public List<IptablesRule> FilterRules { get; } = [];

    public List<string> NatChains { get; } = [];

    public List<IptablesRule> NatRules { get; } = [];

    /// <summary>Rules kube-proxy links into the built-in chains (EnsureRule, not part of the restore input), in the
    /// order they end up in after each was prepended. Empty when only one Service was rendered.</summary>
    public List<IptablesRule> BuiltinJumps { get; } = [];

    /// <summary>Whether these are ip6tables rules (a ProxyState is for one family).</summary>
    public bool IsIPv6 { get; set; }

    /// <summary>The iptables-restore input, byte for byte as kube-proxy builds it (filter, then nat).</summary>
    public string Restore()
    {
        var text = new System.Text.StringBuilder();
        Table(text, "filter", FilterChains, FilterRules);
        Table(text, "nat", NatChains, NatRules);
        return text.ToString();
    }

    private static void Table(System.Text.StringBuilder text, string name, List<string> chains, List<IptablesRule> rules)
    {
        text.Append('*').Append(name).Append('\n');
        foreach (var chain in chains) text.Append(':').Append(chain).Append(" - [0:0]\n");
        foreach (var rule in rules) text.Append(rule.RestoreLine()).Append('\n');
        text.Append("COMMIT\n");
    }
}
