// Test doubles for the sync loop: an INftables that records (or refuses) transactions, a renderer that writes one map
// element per endpoint and remembers how it was called, a conntrack table in memory.
using System.Net;
using System.Net.Sockets;
using Kinet.Model.Services;
using Kinet.Nftables;
using Kinet.Nftables.Objects;
using Kinet.Nftables.Transactions;
using Kinet.Proxy.Sync;

namespace Kinet.Proxy.Tests.Sync;

internal sealed class RecordingNftables : INftables
{
    public List<NftTransaction> Applied { get; } = [];

    /// <summary>The message of the next refusal; null accepts.</summary>
    public string? Refuse { get; set; }

    /// <summary>How many of the next transactions to refuse.</summary>
    public int RefuseNext { get; set; }

    public Task RunAsync(NftTransaction transaction, CancellationToken ct)
    {
        if (Refuse is { } message)
        {
            Refuse = null;
            throw new NftablesException(message);
        }
        if (RefuseNext > 0)
        {
            RefuseNext--;
            throw new NftablesException("Error: refused");
        }
        lock (Applied) Applied.Add(transaction);
        return Task.CompletedTask;
    }

    public Task<string?> ListTableAsync(NftTable table, CancellationToken ct) =>
        Task.FromResult<string?>(Applied.Count == 0 ? null : $"table {table.Name} # {Applied.Count} transactions");
}

internal sealed class StubRenderer : IProxyRenderer
{
    public NftTable Table { get; } = new(NftFamily.Ip, "kube-proxy");

    public List<(ProxyState State, bool Full)> Calls { get; } = [];

    public int Committed { get; private set; }

    public int Failures { get; private set; }

    public NftTransaction Sync(ProxyState state, bool full)
    {
        Calls.Add((state, full));
        var tx = new NftTransaction(Table);
        if (full) tx.Add(Table);
        foreach (var (name, eps) in state.Endpoints)
            foreach (var e in eps)
                tx.Add(new NftElement("endpoints", [name.ToString(), e.Key]));
        return tx;
    }

    void IProxyRenderer.Committed() => Committed++;

    public void Failed() => Failures++;
}

internal sealed class MemoryConntrack : IConntrack
{
    public List<ConntrackFlow> Flows { get; } = [];

    public int Lists { get; private set; }

    public Task<IReadOnlyList<ConntrackFlow>> ListUdpAsync(AddressFamily family, CancellationToken ct)
    {
        Lists++;
        return Task.FromResult<IReadOnlyList<ConntrackFlow>>(Flows.ToList());
    }

    public Task<int> ClearUdpAsync(IReadOnlyList<ConntrackFilter> filters, CancellationToken ct)
    {
        var n = Flows.RemoveAll(f => filters.Any(x =>
            (x.OriginalDestination is null || x.OriginalDestination.Equals(f.OriginalDestination))
            && x.OriginalDestinationPort == f.OriginalDestinationPort && x.ReplySource.Equals(f.ReplySource)));
        return Task.FromResult(n);
    }

    public static ConntrackFlow Flow(string dst, int port, string replySrc) =>
        new(IPAddress.Parse(dst), port, IPAddress.Parse(replySrc));
}
