// NftFake: the kernel's transaction semantics as knftables' fake has them, atomicity, and the stable dump.
using Kinet.Nftables.Fake;
using Kinet.Nftables.Objects;
using Kinet.Nftables.Transactions;

namespace Kinet.Nftables.Tests.Fake;

public sealed class NftFakeTests
{
    private static readonly NftTable Table = new(NftFamily.Ip, "t");

    private static NftTransaction Tx() => new(Table);

    private static NftFake WithBasics()
    {
        var fake = new NftFake();
        fake.Apply(Tx().Add(Table).Add(new NftChain("a")).Add(new NftChain("b"))
            .Add(new NftMap("m", "ipv4_addr : verdict")).Add(new NftSet("s", "ipv4_addr")));
        return fake;
    }

    [Fact]
    public void Adding_an_existing_object_again_changes_nothing()
    {
        var fake = WithBasics();
        var before = fake.Dump(Table);
        fake.Apply(Tx().Add(Table).Add(new NftChain("a")).Add(new NftSet("s", "ipv4_addr")).Add(new NftElement("s", ["1.2.3.4"])));
        fake.Apply(Tx().Add(new NftElement("s", ["1.2.3.4"])));
        Assert.Equal(before + "add element ip t s { 1.2.3.4 }\n", fake.Dump(Table));
    }

    [Fact]
    public void Creating_an_existing_object_fails_like_nft()
    {
        var fake = WithBasics();
        var e = Assert.Throws<NftablesException>(() => fake.Apply(Tx().Create(new NftChain("a"))));
        Assert.Equal("Error: Could not process rule: File exists\ncreate chain ip t a", e.Message);
    }

    public static TheoryData<string, NftTransaction> Refused => new()
    {
        { "a chain in a missing table", new NftTransaction(new NftTable(NftFamily.Ip, "nope")).Add(new NftChain("a")) },
        { "a rule in a missing chain", Tx().Add(new NftRule("nope", "drop")) },
        { "a jump to a missing chain", Tx().Add(new NftRule("a", "jump nope")) },
        { "a lookup in a missing set", Tx().Add(new NftRule("a", "ip daddr @nope drop")) },
        { "deleting a missing chain", Tx().Delete(new NftChain("nope")) },
        { "flushing a missing set", Tx().Flush(new NftSet("nope", "ipv4_addr")) },
        { "deleting a missing element", Tx().Delete(new NftElement("s", ["9.9.9.9"])) },
        { "a map element without a value", Tx().Add(new NftElement("m", ["1.1.1.1"])) },
        { "a map element going to a missing chain", Tx().Add(new NftElement("m", ["1.1.1.1"], ["goto nope"])) },
        { "re-declaring a set with another type", Tx().Add(new NftSet("s", "ipv6_addr")) },
        { "changing a base chain's hook", Tx().Add(new NftChain("base", "filter", "input", "0")).Add(new NftChain("base", "filter", "output", "0")) },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refused_operations_fail_and_change_nothing(string what, NftTransaction tx)
    {
        var fake = WithBasics();
        var before = fake.Dump(Table);
        Assert.Throws<NftablesException>(() => fake.Apply(tx));
        Assert.True(before == fake.Dump(Table), what);
    }

    [Fact]
    public void A_chain_still_jumped_to_cannot_be_deleted_until_the_jump_is_flushed()
    {
        var fake = WithBasics();
        fake.Apply(Tx().Add(new NftRule("a", "jump b")));
        var e = Assert.Throws<NftablesException>(() => fake.Apply(Tx().Delete(new NftChain("b"))));
        Assert.StartsWith("Error: Could not process rule: Device or resource busy", e.Message);
        fake.Apply(Tx().Flush(new NftChain("a")).Delete(new NftChain("b")));
        Assert.False(fake.Table(Table)!.Chains.ContainsKey("b"));
    }

    [Fact]
    public void A_chain_named_by_a_verdict_map_element_cannot_be_deleted_until_the_element_is()
    {
        var fake = WithBasics();
        fake.Apply(Tx().Add(new NftElement("m", ["1.1.1.1"], ["goto b"])));
        Assert.Throws<NftablesException>(() => fake.Apply(Tx().Delete(new NftChain("b"))));
        fake.Apply(Tx().Delete(new NftElement("m", ["1.1.1.1"])).Delete(new NftChain("b")));
        Assert.False(fake.Table(Table)!.Chains.ContainsKey("b"));
    }

    [Fact]
    public void A_chain_with_rules_but_no_references_can_be_deleted_as_on_current_kernels()
    {
        var fake = WithBasics();
        fake.Apply(Tx().Add(new NftRule("b", "drop")).Delete(new NftChain("b")));
        Assert.False(fake.Table(Table)!.Chains.ContainsKey("b"));
    }

    [Fact]
    public void A_set_used_by_a_rule_cannot_be_deleted()
    {
        var fake = WithBasics();
        fake.Apply(Tx().Add(new NftRule("a", "ip saddr @s drop")));
        Assert.Throws<NftablesException>(() => fake.Apply(Tx().Delete(new NftSet("s", "ipv4_addr"))));
    }

    [Fact]
    public void A_map_key_cannot_be_added_again_with_another_value()
    {
        var fake = WithBasics();
        fake.Apply(Tx().Add(new NftElement("m", ["1.1.1.1"], ["goto a"])));
        Assert.Throws<NftablesException>(() => fake.Apply(Tx().Add(new NftElement("m", ["1.1.1.1"], ["goto b"]))));
        fake.Apply(Tx().Delete(new NftElement("m", ["1.1.1.1"])).Add(new NftElement("m", ["1.1.1.1"], ["goto b"])));
        Assert.Equal("goto b", NftNames.ElementValue(fake.Table(Table)!.Sets["m"].Elements["1.1.1.1"]));
    }

    [Fact]
    public void A_failing_transaction_rolls_back_everything_it_did_before_the_failure()
    {
        var fake = WithBasics();
        fake.Apply(Tx().Add(new NftRule("a", "jump b")).Add(new NftElement("s", ["1.1.1.1"])));
        var before = fake.Dump(Table);
        var tx = Tx()
            .Flush(new NftChain("a"))
            .Delete(new NftChain("b"))
            .Flush(new NftSet("s", "ipv4_addr"))
            .Add(new NftChain("c"))
            .Add(new NftRule("c", "jump a"))
            .Delete(new NftTable(NftFamily.Ip, "t"))
            .Add(new NftChain("after-the-table-is-gone"));
        Assert.Throws<NftablesException>(() => fake.Apply(tx));
        Assert.Equal(before, fake.Dump(Table));
        // References were restored too: b is still protected by a's jump.
        Assert.Throws<NftablesException>(() => fake.Apply(Tx().Delete(new NftChain("b"))));
    }

    [Fact]
    public void Flushing_a_chain_keeps_the_chain_and_drops_its_rules()
    {
        var fake = WithBasics();
        fake.Apply(Tx().Add(new NftRule("a", "drop")).Add(new NftRule("a", "accept")));
        fake.Apply(Tx().Flush(new NftChain("a")).Add(new NftRule("a", "reject")));
        Assert.Equal(["reject"], fake.Table(Table)!.Chains["a"].Rules.Select(r => r.Text));
    }

    [Fact]
    public void Insert_puts_a_rule_first()
    {
        var fake = WithBasics();
        fake.Apply(Tx().Add(new NftRule("a", "drop")).Insert(new NftRule("a", "accept")));
        Assert.Equal(["accept", "drop"], fake.Table(Table)!.Chains["a"].Rules.Select(r => r.Text));
    }

    [Fact]
    public void The_dump_is_sorted_and_replays_to_the_same_table()
    {
        var fake = new NftFake();
        fake.Apply(Tx().Add(Table).Add(new NftChain("z")).Add(new NftChain("a", "nat", "prerouting", "-100"))
            .Add(new NftMap("m", "ipv4_addr : verdict")).Add(new NftSet("s", "ipv4_addr"))
            .Add(new NftRule("a", "jump z")).Add(new NftElement("s", ["10.0.0.2"])).Add(new NftElement("s", ["10.0.0.1"]))
            .Add(new NftElement("m", ["10.0.0.1"], ["goto z"], "why")));
        const string expected = """
            add table ip t
            add chain ip t a { type nat hook prerouting priority -100 ; }
            add chain ip t z
            add set ip t s { type ipv4_addr ; }
            add map ip t m { type ipv4_addr : verdict ; }
            add rule ip t a jump z
            add element ip t s { 10.0.0.1 }
            add element ip t s { 10.0.0.2 }
            add element ip t m { 10.0.0.1 comment "why" : goto z }

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), fake.Dump(Table));
    }

    [Fact]
    public async Task Listing_looks_like_nft_list_table()
    {
        var fake = WithBasics();
        fake.Apply(Tx().Add(new NftRule("a", "jump b")).Add(new NftElement("s", ["1.1.1.1"])));
        var listing = await fake.ListTableAsync(Table, CancellationToken.None);
        Assert.NotNull(listing);
        Assert.StartsWith("table ip t {\n", listing);
        Assert.Contains("\tset s {\n\t\ttype ipv4_addr\n\t\telements = { 1.1.1.1 }\n\t}\n", listing);
        Assert.Contains("\tchain a {\n\t\tjump b\n\t}\n", listing);
        Assert.Null(await fake.ListTableAsync(new NftTable(NftFamily.Ip, "other"), CancellationToken.None));
    }
}
