// One table inside the fake: chains, and sets and maps (one namespace, as in nft).
using Kinet.Nftables.Objects;

namespace Kinet.Nftables.Fake;

public sealed class NftFakeTable(NftTable table)
{
    public NftTable Table { get; } = table;

    internal Dictionary<string, NftFakeChain> ChainsByName { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, NftFakeSet> SetsByName { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, NftFakeChain> Chains => ChainsByName;

    public IReadOnlyDictionary<string, NftFakeSet> Sets => SetsByName;
}
