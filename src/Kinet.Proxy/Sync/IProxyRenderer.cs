// What the sync loop asks of the renderer: a transaction taking the node's table to a state, and to be told whether it
// applied. NftablesProxier is the real one (ProxierRenderer); tests of the loop use a stub.
using Kinet.Model.Services;
using Kinet.Nftables.Objects;
using Kinet.Nftables.Transactions;

namespace Kinet.Proxy.Sync;

public interface IProxyRenderer
{
    NftTable Table { get; }

    NftTransaction Sync(ProxyState state, bool full);

    void Committed();

    void Failed();
}

/// <summary>The nftables renderer behind the loop's interface.</summary>
public sealed class ProxierRenderer(Nftables.NftablesProxier proxier) : IProxyRenderer
{
    public NftTable Table => proxier.Table;

    public NftTransaction Sync(ProxyState state, bool full) => proxier.Sync(state, full);

    public void Committed() => proxier.Committed();

    public void Failed() => proxier.Failed();
}
