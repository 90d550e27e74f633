// A chain inside the fake: its declaration, its rules in order, and how many rules or map elements jump/goto to it.
using Kinet.Nftables.Objects;

namespace Kinet.Nftables.Fake;

public sealed class NftFakeChain(NftChain chain)
{
    public NftChain Chain { get; internal set; } = chain;

    public string Name => Chain.Name;

    internal List<NftRule> RuleList { get; } = [];

    public IReadOnlyList<NftRule> Rules => RuleList;

    /// <summary>Rules and verdict-map elements that jump or go to this chain (nft refuses to delete it then).</summary>
    public int References { get; internal set; }
}
