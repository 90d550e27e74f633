// nft inside a node's namespace: a script applies atomically there (and only there), a refused one changes nothing and
// reports nft's own message, a missing table lists as null.
using Kinet.Nftables;
using Kinet.Nftables.Objects;
using Kinet.Node.Nftables;

namespace Kinet.Node.Tests.Nftables;

public sealed class NetnsNftablesTests
{
    private static readonly NftTable Table = new(NftFamily.Ip, "kinet-test");

    private const string Small = """
        add table ip kinet-test
        add chain ip kinet-test services
        add map ip kinet-test service-ips { type ipv4_addr . inet_proto . inet_service : verdict ; }
        add rule ip kinet-test services ip daddr . meta l4proto . th dport vmap @service-ips
        add element ip kinet-test service-ips { 10.96.0.20 . tcp . 80 : goto services }
        """;

    [Fact]
    public async Task A_script_applies_inside_the_namespace_and_lists_back()
    {
        using var ns = ThrowawayNetns.Create();
        var nft = new NetnsNftables(ns.Name);
        Assert.Null(await nft.ListTableAsync(Table, CancellationToken.None));

        await nft.RunScriptAsync(Small, CancellationToken.None);

        var listed = await nft.ListTableAsync(Table, CancellationToken.None);
        Assert.NotNull(listed);
        Assert.Contains("table ip kinet-test", listed);
        Assert.Contains("10.96.0.20 . tcp . 80 : goto services", listed);
        Assert.Contains("ip daddr . meta l4proto . th dport vmap @service-ips", listed);
    }

    [Fact]
    public async Task A_refused_script_throws_nfts_message_and_leaves_the_table_unchanged()
    {
        using var ns = ThrowawayNetns.Create();
        var nft = new NetnsNftables(ns.Name);
        await nft.RunScriptAsync(Small, CancellationToken.None);
        var before = await nft.ListTableAsync(Table, CancellationToken.None);

        var e = await Assert.ThrowsAsync<NftablesException>(() => nft.RunScriptAsync("""
            add element ip kinet-test service-ips { 10.96.0.21 . tcp . 80 : goto services }
            add rule ip kinet-test no-such-chain accept
            """, CancellationToken.None));

        Assert.Contains("No such file or directory", e.Message);
        Assert.Contains("no-such-chain", e.Message);
        Assert.Equal(before, await nft.ListTableAsync(Table, CancellationToken.None));
    }

    [Fact]
    public async Task The_hosts_own_ruleset_is_not_touched()
    {
        using var ns = ThrowawayNetns.Create();
        var unique = new NftTable(NftFamily.Ip, "kinet-test-" + ns.Name[^8..]);
        await new NetnsNftables(ns.Name).RunScriptAsync($"add table ip {unique.Name}\n", CancellationToken.None);

        var host = await System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("nft", "list tables")
        { RedirectStandardOutput = true, UseShellExecute = false })!.StandardOutput.ReadToEndAsync();
        Assert.DoesNotContain(unique.Name, host);
    }
}
