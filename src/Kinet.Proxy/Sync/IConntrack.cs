// The node's connection-tracking table, as far as the proxy needs it: list UDP flows and delete the stale ones. The
// kernel implementation (Kinet.Node's NetnsConntrack, through the `conntrack` tool) runs inside the node's namespace.
using System.Net;
using System.Net.Sockets;

namespace Kinet.Proxy.Sync;

public interface IConntrack
{
    /// <summary>Every UDP flow of <paramref name="family"/> in the table.</summary>
    Task<IReadOnlyList<ConntrackFlow>> ListUdpAsync(AddressFamily family, CancellationToken ct);

    /// <summary>Deletes the UDP flows matching any of <paramref name="filters"/>; returns how many went.</summary>
    Task<int> ClearUdpAsync(IReadOnlyList<ConntrackFilter> filters, CancellationToken ct);
}

/// <summary>A UDP flow: where the client sent it (orig-dst, orig-port-dst) and who answers (reply-src: the endpoint
/// after DNAT, or the original destination when nothing translated it).</summary>
public sealed record ConntrackFlow(IPAddress OriginalDestination, int OriginalDestinationPort, IPAddress ReplySource);

/// <summary>Which UDP flows to delete (`conntrack -D -p udp [--orig-dst A] --orig-port-dst P --reply-src R`):
/// <see cref="OriginalDestination"/> null matches any destination (a NodePort on any node address).</summary>
public sealed record ConntrackFilter(IPAddress? OriginalDestination, int OriginalDestinationPort, IPAddress ReplySource);
