// kube-proxy's nftables mode for one node and one IP family: renders a ProxyState into the node's `kube-proxy` table.
// It remembers what it wrote, so after the first (full) sync a new state yields a transaction touching only the
// Services whose ports or endpoints changed (plus the shared maps' elements), as kube-proxy's syncProxyRules does.
// SEAM (written before the helpers started): the nftables helper implements it; the sync loop calls it.
//
// Transaction order: [full: the fixed layout, flushing the shared maps] → each (changed) port's chains (add + flush)
// and rules → flush of stale chains → element deletes/adds → delete of stale affinity sets and chains. Unlike
// upstream, stale chains are deleted in the same transaction (kernels since 6.2 drop a map element's reference to a
// chain at once; upstream waits a second for older kernels), so a partial sync leaves exactly what a full one would.
// The very first sync deletes and re-creates the table in the same transaction, so leftovers of an earlier run
// (which this process cannot know about) disappear atomically.
using Kinet.Model.Services;
using Kinet.Nftables.Objects;
using Kinet.Nftables.Transactions;

namespace Kinet.Proxy.Nftables;

public sealed class NftablesProxier(NftFamily family = NftFamily.Ip)
{
    private ProxierMemory _committed = new();
    private PendingSync? _pending;
    private bool _needFull = true;
    private bool _everCommitted;

    /// <summary>The table this proxier owns on its node.</summary>
    public NftTable Table { get; } = new(family, ProxyNames.TableName, "rules for kube-proxy");

    /// <summary>Service ports rendered by the last <see cref="Sync"/> (all of them on a full sync).</summary>
    public int LastRenderedPorts { get; private set; }

    /// <summary>Whether the last <see cref="Sync"/> was full (asked for, forced by <see cref="Failed"/>, the first
    /// one, or because node addresses or CIDRs changed).</summary>
    public bool LastSyncWasFull { get; private set; }

    /// <summary>A transaction taking the node's table from what the last sync wrote to <paramref name="state"/>.
    /// <paramref name="full"/> rewrites everything (first sync, resync on demand, after a failed apply).
    /// Call <see cref="Committed"/> after the transaction applied, <see cref="Failed"/> if it did not.
    /// A partial sync with nothing changed returns an empty transaction (Count 0).</summary>
    public NftTransaction Sync(ProxyState state, bool full)
    {
        var signature = ProxierMemory.Signature(state);
        full |= _needFull || _committed.NodeSignature != signature;
        var f = new FamilySyntax(Table.Family, state.PodCidrs);
        var tx = new NftTransaction(Table);
        // Changes are kept beside the committed memory (null = removed), so a partial sync costs what changed plus one
        // pass over the ports, and Committed() folds them in.
        var pending = new PendingSync(full, signature, full ? new ProxierMemory() : _committed);
        var staleChains = new List<string>();
        var staleSets = new List<string>();

        if (full)
        {
            if (!_everCommitted)
            {
                tx.Add(Table);
                tx.Delete(Table);
            }
            ProxyLayout.Write(tx, Table, state, f);
        }

        // Ports that went away, or (partial sync) whose inputs changed, release what they owned.
        var changed = new HashSet<ServicePortName>();
        foreach (var (name, old) in _committed.Ports)
        {
            var keep = !full && state.Services.TryGetValue(name, out var svc) && old.SameInputs(svc, state.EndpointsOf(name));
            if (keep) continue;
            changed.Add(name);
            if (!full)
            {
                pending.Ports[name] = null;
                foreach (var e in old.Elements)
                    pending.Release(e);
            }
            staleChains.AddRange(old.Chains);
            staleSets.AddRange(old.AffinitySets);
        }

        IEnumerable<ServicePortInfo> toRender = full
            ? state.Services.Values.OrderBy(s => s.Name.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name.Name, StringComparer.Ordinal)
                .ThenBy(s => s.Name.Port, StringComparer.Ordinal).ThenBy(s => s.Name.Protocol)
            : state.Services.Values.Where(s => changed.Contains(s.Name) || !_committed.Ports.ContainsKey(s.Name));
        var activeChains = new HashSet<string>(StringComparer.Ordinal);
        var activeSets = new HashSet<string>(StringComparer.Ordinal);
        var rendered = 0;
        foreach (var svc in toRender)
        {
            var port = ServicePortRenderer.Render(tx, state, f, svc, state.EndpointsOf(svc.Name));
            pending.Ports[svc.Name] = port;
            foreach (var e in port.Elements)
                pending.Acquire(e);
            activeChains.UnionWith(port.Chains);
            activeSets.UnionWith(port.AffinitySets);
            rendered++;
        }

        staleChains.RemoveAll(activeChains.Contains);
        staleSets.RemoveAll(activeSets.Contains);
        foreach (var chain in staleChains)
            tx.Flush(new NftChain(chain));

        if (full)
        {
            foreach (var (_, entry) in pending.Elements.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                if (entry is { } e)
                    tx.Add(e.Element);
        }
        else
        {
            foreach (var (id, after) in pending.Elements)
            {
                var had = _committed.Elements.TryGetValue(id, out var before);
                var sameValue = had && after is { } a && NftNames.ElementValue(before.Element) == NftNames.ElementValue(a.Element);
                if (had && !sameValue)
                    tx.Delete(before.Element);
                if (after is { } now && !sameValue)
                    tx.Add(now.Element);
            }
        }

        foreach (var set in staleSets)
            tx.Delete(new NftSet(set, f.AddrType));
        foreach (var chain in staleChains)
            tx.Delete(new NftChain(chain));

        _pending = pending;
        LastRenderedPorts = rendered;
        LastSyncWasFull = full;
        return tx;
    }

    public void Committed()
    {
        if (_pending is null) return;
        _committed = _pending.Fold();
        _pending = null;
        _needFull = false;
        _everCommitted = true;
    }

    /// <summary>The next sync will be full.</summary>
    public void Failed()
    {
        _pending = null;
        _needFull = true;
    }
}
