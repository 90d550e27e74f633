// A set or map inside the fake (nft keeps them in one namespace): its declaration, its elements by key, and how many
// rules refer to it with @name.
using Kinet.Nftables.Objects;

namespace Kinet.Nftables.Fake;

public sealed class NftFakeSet(object definition)
{
    /// <summary>The <see cref="NftSet"/> or <see cref="NftMap"/> it was added as.</summary>
    public object Definition { get; } = definition;

    public string Name => Definition is NftSet s ? s.Name : ((NftMap)Definition).Name;

    public string Type => Definition is NftSet s ? s.Type : ((NftMap)Definition).Type;

    public bool IsMap => Definition is NftMap;

    internal Dictionary<string, NftElement> ElementsByKey { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, NftElement> Elements => ElementsByKey;

    public int References { get; internal set; }
}
