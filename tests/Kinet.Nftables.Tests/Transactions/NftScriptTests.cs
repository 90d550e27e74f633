// NftScript: every verb and object becomes one table-qualified `nft -f` line in knftables' spelling.
using Kinet.Nftables.Objects;
using Kinet.Nftables.Transactions;

namespace Kinet.Nftables.Tests.Transactions;

public sealed class NftScriptTests
{
    private static readonly NftTable Table = new(NftFamily.Ip, "kube-proxy", "rules for kube-proxy");

    public static TheoryData<NftVerb, object, string> Lines => new()
    {
        { NftVerb.Add, Table, "add table ip kube-proxy { comment \"rules for kube-proxy\" ; }" },
        { NftVerb.Delete, Table, "delete table ip kube-proxy" },
        { NftVerb.Add, new NftChain("services"), "add chain ip kube-proxy services" },
        { NftVerb.Add, new NftChain("reject-chain", Comment: "helper"), "add chain ip kube-proxy reject-chain { comment \"helper\" ; }" },
        { NftVerb.Add, new NftChain("nat-prerouting", "nat", "prerouting", "dstnat"), "add chain ip kube-proxy nat-prerouting { type nat hook prerouting priority dstnat ; }" },
        { NftVerb.Create, new NftChain("x"), "create chain ip kube-proxy x" },
        { NftVerb.Flush, new NftChain("nat-prerouting", "nat", "prerouting", "dstnat"), "flush chain ip kube-proxy nat-prerouting" },
        { NftVerb.Delete, new NftChain("x"), "delete chain ip kube-proxy x" },
        { NftVerb.Add, new NftRule("services", "ip daddr . meta l4proto . th dport vmap @service-ips"), "add rule ip kube-proxy services ip daddr . meta l4proto . th dport vmap @service-ips" },
        { NftVerb.Insert, new NftRule("c", "drop", "why"), "insert rule ip kube-proxy c drop comment \"why\"" },
        { NftVerb.Add, new NftSet("cluster-ips", "ipv4_addr", Comment: "Active ClusterIPs"), "add set ip kube-proxy cluster-ips { type ipv4_addr ; comment \"Active ClusterIPs\" ; }" },
        { NftVerb.Add, new NftSet("affinity-X", "ipv4_addr", ["dynamic", "timeout"], 10800), "add set ip kube-proxy affinity-X { type ipv4_addr ; flags dynamic,timeout ; timeout 10800s ; }" },
        { NftVerb.Flush, new NftSet("cluster-ips", "ipv4_addr"), "flush set ip kube-proxy cluster-ips" },
        { NftVerb.Add, new NftMap("service-ips", "ipv4_addr . inet_proto . inet_service : verdict", ["interval"], "c"), "add map ip kube-proxy service-ips { type ipv4_addr . inet_proto . inet_service : verdict ; flags interval ; comment \"c\" ; }" },
        { NftVerb.Delete, new NftMap("m", "ipv4_addr : verdict"), "delete map ip kube-proxy m" },
        { NftVerb.Add, new NftElement("service-ips", ["10.96.0.10", "udp", "53"], ["goto service-X"]), "add element ip kube-proxy service-ips { 10.96.0.10 . udp . 53 : goto service-X }" },
        { NftVerb.Add, new NftElement("no-endpoint-services", ["10.96.0.11", "tcp", "80"], ["goto reject-chain"], "ns1/svc1:p80"), "add element ip kube-proxy no-endpoint-services { 10.96.0.11 . tcp . 80 comment \"ns1/svc1:p80\" : goto reject-chain }" },
        { NftVerb.Delete, new NftElement("service-ips", ["10.96.0.10", "udp", "53"], ["goto service-X"]), "delete element ip kube-proxy service-ips { 10.96.0.10 . udp . 53 }" },
        { NftVerb.Add, new NftElement("cluster-ips", ["10.96.0.10"]), "add element ip kube-proxy cluster-ips { 10.96.0.10 }" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Each_operation_is_one_nft_line(NftVerb verb, object obj, string expected)
    {
        var tx = new NftTransaction(Table);
        switch (verb)
        {
            case NftVerb.Add: tx.Add(obj); break;
            case NftVerb.Create: tx.Create(obj); break;
            case NftVerb.Flush: tx.Flush(obj); break;
            case NftVerb.Delete: tx.Delete(obj); break;
            case NftVerb.Insert: tx.Insert((NftRule)obj); break;
        }
        Assert.Equal(expected + "\n", tx.ToScript());
    }

    [Fact]
    public void Other_families_are_spelled_as_nft_spells_them()
    {
        Assert.Equal("add table ip6 t\n", new NftTransaction(new NftTable(NftFamily.Ip6, "t")).Add(new NftTable(NftFamily.Ip6, "t")).ToScript());
        Assert.Equal("add chain inet t c\n", new NftTransaction(new NftTable(NftFamily.Inet, "t")).Add(new NftChain("c")).ToScript());
    }

    [Fact]
    public void Deleting_a_rule_by_its_text_is_refused_since_nft_needs_a_handle()
    {
        var tx = new NftTransaction(Table).Delete(new NftRule("c", "drop"));
        Assert.Throws<NotSupportedException>(tx.ToScript);
    }
}
