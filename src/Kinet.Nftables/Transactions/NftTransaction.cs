// One atomic nftables transaction, as kube-proxy builds it with knftables: an ordered list of operations on objects of
// one table. `ToScript()` is what `nft -f -` receives; `NftFake.Apply` gives the same result in memory. Either the whole
// transaction applies or nothing does.
// SEAM (written before the helpers started): the operation set below is the contract; extend, do not rename.
using Kinet.Nftables.Objects;

namespace Kinet.Nftables.Transactions;

/// <summary>nft's verbs: add (create or keep), create (fail if it exists), flush (empty a chain, set or map), delete,
/// insert (a rule at the front of its chain), replace (a rule by handle, unused by Kinet so far).</summary>
public enum NftVerb { Add, Create, Flush, Delete, Insert }

/// <summary>One operation: a verb and an object (<see cref="NftTable"/>, <see cref="NftChain"/>, <see cref="NftRule"/>,
/// <see cref="NftSet"/>, <see cref="NftMap"/>, <see cref="NftElement"/>).</summary>
public sealed record NftOperation(NftVerb Verb, object Object);

public sealed class NftTransaction(NftTable table)
{
    private readonly List<NftOperation> _operations = [];

    /// <summary>The table every operation applies to.</summary>
    public NftTable Table => table;

    public IReadOnlyList<NftOperation> Operations => _operations;

    public int Count => _operations.Count;

    public NftTransaction Add(object obj) => With(NftVerb.Add, obj);

    public NftTransaction Create(object obj) => With(NftVerb.Create, obj);

    public NftTransaction Flush(object obj) => With(NftVerb.Flush, obj);

    public NftTransaction Delete(object obj) => With(NftVerb.Delete, obj);

    public NftTransaction Insert(NftRule rule) => With(NftVerb.Insert, rule);

    /// <summary>The transaction as an <c>nft -f</c> script (one command per line, table-qualified:
    /// <c>add rule ip kube-proxy services ip daddr . meta l4proto . th dport vmap @service-ips</c>).</summary>
    public string ToScript() => NftScript.Render(this);

    private NftTransaction With(NftVerb verb, object obj)
    {
        if (obj is not (NftTable or NftChain or NftRule or NftSet or NftMap or NftElement))
            throw new ArgumentException($"not an nftables object: {obj.GetType().Name}", nameof(obj));
        _operations.Add(new NftOperation(verb, obj));
        return this;
    }
}
