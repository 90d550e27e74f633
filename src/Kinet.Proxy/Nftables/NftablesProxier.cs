// kube-proxy's nftables mode for one node and one IP family: renders a ProxyState into the node's `kube-proxy` table.
// It remembers what it wrote, so after the first (full) sync a new state yields a transaction touching only the
// Services whose ports or endpoints changed (plus the shared maps' elements), as kube-proxy's syncProxyRules does.
// SEAM (written before the helpers started): the nftables helper implements it; the sync loop calls it.
using Kinet.Model.Services;
using Kinet.Nftables.Objects;
using Kinet.Nftables.Transactions;

namespace Kinet.Proxy.Nftables;

public sealed class NftablesProxier(NftFamily family = NftFamily.Ip)
{
    /// <summary>The table this proxier owns on its node.</summary>
    public NftTable Table { get; } = new(family, ProxyNames.TableName, "rules for kube-proxy");

    /// <summary>A transaction taking the node's table from what the last sync wrote to <paramref name="state"/>.
    /// <paramref name="full"/> rewrites everything (first sync, resync on demand, after a failed apply).
    /// Call <see cref="Committed"/> after the transaction applied, <see cref="Failed"/> if it did not.</summary>
    public NftTransaction Sync(ProxyState state, bool full) => throw new NotImplementedException("NftablesProxier.Sync");

    public void Committed() => throw new NotImplementedException();

    /// <summary>The next sync will be full.</summary>
    public void Failed() => throw new NotImplementedException();
}
