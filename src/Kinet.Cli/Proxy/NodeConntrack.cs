// The proxy's IConntrack over a node namespace's conntrack tool (Kinet.Node does not know the proxy's types).
using System.Net.Sockets;
using Kinet.Node.Nftables;
using Kinet.Proxy.Sync;

namespace Kinet.Cli.Proxy;

internal sealed class NodeConntrack(NetnsConntrack conntrack) : IConntrack
{
    public async Task<IReadOnlyList<ConntrackFlow>> ListUdpAsync(AddressFamily family, CancellationToken ct) =>
        (await conntrack.ListUdpAsync(family, ct).ConfigureAwait(false))
            .Select(f => new ConntrackFlow(f.OriginalDestination, f.OriginalDestinationPort, f.ReplySource)).ToList();

    public async Task<int> ClearUdpAsync(IReadOnlyList<ConntrackFilter> filters, CancellationToken ct)
    {
        var n = 0;
        foreach (var f in filters)
            n += await conntrack.DeleteUdpAsync(f.OriginalDestination, f.OriginalDestinationPort, f.ReplySource, ct).ConfigureAwait(false);
        return n;
    }
}
