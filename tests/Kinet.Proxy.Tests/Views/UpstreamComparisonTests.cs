// The iptables-restore input for kube-proxy's own TestOverallIPTablesRules scenario, rendered with the fake proxier's
// settings (mark 0x4000, no --random-fully, nfacct counters present) and put in the order upstream's
// sortIPTablesRules compares in. testdata/upstream-overall.restore was checked line for line against the expected
// dump in kubernetes pkg/proxy/iptables/proxier_test.go; it guards that the view keeps producing exactly that.
using Kinet.Proxy.Views.Iptables;

namespace Kinet.Proxy.Tests.Views;

public class UpstreamComparisonTests
{
    private static readonly IptablesOptions FakeProxier = new()
    {
        MasqueradeMark = "0x4000",
        RandomFully = false,
        NfacctCounters = true,
        LocalhostNodePorts = true,
    };

    [Fact]
    public void The_overall_scenario_renders_what_upstreams_test_expects() =>
        GoldenViewTests.AssertGolden("upstream-overall.restore", UpstreamOrder(IptablesRenderer.Render(ViewCases.UpstreamOverall(), FakeProxier)));

    [Fact]
    public void Restore_input_keeps_kube_proxys_own_spelling()
    {
        var restore = IptablesRenderer.Render(ViewCases.UpstreamOverall(), FakeProxier).Restore();
        Assert.Contains("-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80\n", restore);
        Assert.Contains("-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment \"ns4/svc4:p80 -> 10.180.0.4:80\" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-UKSFD7AGPMPPLUHC\n", restore);
    }

    /// <summary>upstream's sortIPTablesRules: tables by name; KUBE-NODEPORTS, then KUBE-SERVICES, then other KUBE-*
    /// chains by name, then the rest; each table's KUBE-NODEPORTS and KUBE-SERVICES rules stably by comment, the
    /// "must be the last rule" jump kept last.</summary>
    private static string UpstreamOrder(IptablesRuleSet rules)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (table, chains, tableRules) in new[] { ("filter", rules.FilterChains, rules.FilterRules), ("nat", rules.NatChains, rules.NatRules) })
        {
            var ordered = chains.Distinct().OrderBy(Rank).ThenBy(c => c, StringComparer.Ordinal).ToList();
            text.Append('*').Append(table).Append('\n');
            foreach (var chain in ordered) text.Append(':').Append(chain).Append(" - [0:0]\n");
            foreach (var chain in ordered)
            {
                var chainRules = tableRules.Where(r => r.Chain == chain).ToList();
                if (chain is "KUBE-NODEPORTS" or "KUBE-SERVICES")
                {
                    var last = chainRules.Where(r => Comment(r).Contains("must be the last rule", StringComparison.Ordinal)).ToList();
                    chainRules = [.. chainRules.Except(last).OrderBy(Comment, StringComparer.Ordinal), .. last];
                }
                foreach (var rule in chainRules) text.Append(rule.RestoreLine()).Append('\n');
            }
            text.Append("COMMIT\n");
        }
        return text.ToString();
    }

    private static int Rank(string chain) => chain switch
    {
        "KUBE-NODEPORTS" => 0,
        "KUBE-SERVICES" => 1,
        _ when chain.StartsWith("KUBE-", StringComparison.Ordinal) => 2,
        _ => 3,
    };

    private static string Comment(IptablesRule rule)
    {
        var at = rule.Args.ToList().IndexOf("--comment");
        return at < 0 ? "" : rule.Args[at + 1].Trim('"');
    }
}
