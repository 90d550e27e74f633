// Behaviour of the iptables view beyond its golden files: the acceptance case, the load-balancing arithmetic
// of the statistic rules, the --service filter, and the traffic-policy and no-endpoint paths.
using System.Globalization;
using Kinet.Model.Services;
using Kinet.Proxy.Views;
using static Kinet.Proxy.Tests.Views.ViewBuilders;

namespace Kinet.Proxy.Tests.Views;

public class IptablesViewTests
{
    [Fact]
    public void The_seeds_my_service_spreads_over_three_endpoints_as_in_the_seed()
    {
        var dump = ProxyViews.Iptables(ViewCases.SeedMyService());
        var chain = Proxy.Views.Iptables.IptablesChainNames.Service(new ServicePortName("default", "my-service", "", ServiceProtocol.Tcp));
        var svc = Rules(dump, chain).Where(r => r.Contains("-j KUBE-SEP-", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, svc.Count);
        Assert.All(svc, r => Assert.StartsWith($"-A {chain} -m comment --comment \"default/my-service -> ", r));
        Assert.Contains("-m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-", svc[0]);
        Assert.Contains("-m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-", svc[1]);
        Assert.DoesNotContain("statistic", svc[2]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void Every_endpoint_gets_an_equal_share_of_new_connections(int n)
    {
        var endpoints = Enumerable.Range(1, n).Select(i => Endpoint($"10.180.0.{i}", 80)).ToArray();
        var dump = ProxyViews.Iptables(State((Port("ns1", "svc1", "p80", "172.30.0.41", 80), endpoints)));

        // Walk the KUBE-SVC chain as the kernel does: each rule takes its probability of what is left.
        var left = 1.0;
        var shares = new List<double>();
        foreach (var rule in Rules(dump, "KUBE-SVC-").Where(r => r.Contains("-j KUBE-SEP-", StringComparison.Ordinal)))
        {
            var p = Probability(rule) ?? 1.0;
            shares.Add(left * p);
            left -= left * p;
        }
        Assert.Equal(n, shares.Count);
        Assert.All(shares, share => Assert.Equal(1.0 / n, share, 1e-8));
    }

    [Fact]
    public void Each_endpoint_chain_masquerades_hairpin_traffic_and_dnats()
    {
        var dump = ProxyViews.Iptables(ViewCases.SeedMyService(), "default/my-service");
        var sep = Rules(dump, "KUBE-SEP-YPA555UNOBVQMW6C");
        Assert.Equal(
            [
                "-A KUBE-SEP-YPA555UNOBVQMW6C -s 10.244.1.5/32 -m comment --comment \"default/my-service\" -j KUBE-MARK-MASQ",
                "-A KUBE-SEP-YPA555UNOBVQMW6C -p tcp -m comment --comment \"default/my-service\" -m tcp -j DNAT --to-destination 10.244.1.5:9376",
            ],
            sep);
    }

    [Fact]
    public void One_service_shows_only_its_own_rules_and_the_chains_they_use()
    {
        var dump = ProxyViews.Iptables(ViewCases.SeedMyService(), "default/my-service");

        Assert.DoesNotContain("kubernetes:https", dump);
        Assert.DoesNotContain("KUBE-POSTROUTING", dump);
        Assert.DoesNotContain(":PREROUTING", dump);
        Assert.DoesNotContain("*filter", dump);
        var declared = dump.Split('\n').Where(l => l.StartsWith(':')).Select(l => l[1..l.IndexOf(' ')]).ToHashSet();
        var used = Rules(dump, "").Select(r => r.Split(' ')[1]).ToHashSet();
        Assert.True(used.IsSubsetOf(declared), "every chain with a rule is declared");
    }

    [Fact]
    public void A_service_without_endpoints_is_rejected_in_the_filter_table_and_gets_no_nat_chains()
    {
        var dump = ProxyViews.Iptables(State(
            (Port("ns6", "svc6", "p80", "172.30.0.46", 80, s => s with { NodePort = 3006 }), [])));

        Assert.Contains("-A KUBE-SERVICES -d 172.30.0.46/32 -p tcp -m comment --comment \"ns6/svc6:p80 has no endpoints\" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable", dump);
        Assert.Contains("-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment \"ns6/svc6:p80 has no endpoints\" -m addrtype --dst-type LOCAL -m tcp --dport 3006 -j REJECT --reject-with icmp-port-unreachable", dump);
        Assert.DoesNotContain("KUBE-SVC-", dump);
        Assert.DoesNotContain("KUBE-EXT-", dump);
        Assert.DoesNotContain("-A KUBE-NODEPORTS", dump);
    }

    [Fact]
    public void External_traffic_policy_local_sends_outside_traffic_only_to_local_endpoints()
    {
        var state = State((Port("ns1", "web", "http", "172.30.1.1", 80, s => s with { NodePort = 3001, ExternalPolicyLocal = true }),
            [Endpoint("10.180.0.1", 8080, local: true), Endpoint("10.180.0.2", 8080)]));
        var dump = ProxyViews.Iptables(state);
        var name = new ServicePortName("ns1", "web", "http", ServiceProtocol.Tcp);
        var svl = Proxy.Views.Iptables.IptablesChainNames.Local(name);
        var svc = Proxy.Views.Iptables.IptablesChainNames.Service(name);
        var ext = Proxy.Views.Iptables.IptablesChainNames.External(name);

        // Outside traffic: EXT falls through to SVL, which only knows the local endpoint; no masquerade (source kept).
        Assert.Equal($"-A {ext} -j {svl}", Rules(dump, ext).Last());
        Assert.DoesNotContain(Rules(dump, ext), r => r.Contains("masquerade traffic for", StringComparison.Ordinal));
        Assert.Equal([$"-A {svl} -m comment --comment \"ns1/web:http -> 10.180.0.1:8080\" -j KUBE-SEP-"], Rules(dump, svl).Select(r => r[..r.LastIndexOf("KUBE-SEP-", StringComparison.Ordinal)] + "KUBE-SEP-"));
        // The cluster IP still spreads over both endpoints.
        Assert.Equal(2, Rules(dump, svc).Count(r => r.Contains("-j KUBE-SEP-", StringComparison.Ordinal)));
    }

    [Fact]
    public void Past_a_thousand_endpoints_the_endpoint_rules_lose_their_comments()
    {
        var endpoints = Enumerable.Range(0, 1001).Select(i => Endpoint($"10.180.{i / 250}.{i % 250 + 1}", 80)).ToArray();
        var dump = ProxyViews.Iptables(State((Port("ns1", "big", "", "172.30.0.50", 80), endpoints)));

        Assert.All(Rules(dump, "KUBE-SEP-"), r => Assert.DoesNotContain("--comment", r));
        Assert.Contains(Rules(dump, "KUBE-SERVICES"), r => r.Contains("\"ns1/big cluster IP\"", StringComparison.Ordinal));
    }

    [Fact]
    public void An_ipv6_state_prints_as_ip6tables_save_would()
    {
        var dump = ProxyViews.Iptables(StateFor(TestNode, ["fd00::2"], ["fd00:10::/64"],
            (Port("ns1", "svc1", "p80", "fd00:30::41", 80), [Endpoint("fd00:10::1", 80)]),
            (Port("ns6", "svc6", "p80", "fd00:30::46", 80), [])));

        Assert.Contains("-A KUBE-SERVICES -d fd00:30::41/128 -p tcp -m comment --comment \"ns1/svc1:p80 cluster IP\" -m tcp --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O", dump);
        Assert.Contains("-j REJECT --reject-with icmp6-port-unreachable", dump);
        Assert.Contains("-p tcp -m comment --comment \"ns1/svc1:p80\" -m tcp -j DNAT --to-destination [fd00:10::1]:80", dump);
        Assert.Contains("-A KUBE-SERVICES ! -d ::1/128 -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS", dump);
        Assert.DoesNotContain("-A KUBE-FIREWALL ", dump);
    }

    private static List<string> Rules(string dump, string chainPrefix) =>
        [.. dump.Split('\n').Where(l => l.StartsWith("-A " + chainPrefix, StringComparison.Ordinal))];

    private static double? Probability(string rule)
    {
        var at = rule.IndexOf("--probability ", StringComparison.Ordinal);
        if (at < 0) return null;
        var value = rule[(at + "--probability ".Length)..].Split(' ')[0];
        return double.Parse(value, CultureInfo.InvariantCulture);
    }
}
