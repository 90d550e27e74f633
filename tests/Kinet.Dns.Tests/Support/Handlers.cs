// A query handler without sockets (answers written into a buffer), for wire-level tests.
using System.Net.Sockets;
using Kinet.Dns.Serving;

namespace Kinet.Dns.Tests.Support;

internal static class Handlers
{
    public static DnsQueryHandler Of(DnsZone zone, TimeSpan? forwardTimeout = null) =>
        new(zone, new DnsForwarder((f, t, p) => new Socket(f, t, p), _ => { }) { Timeout = forwardTimeout ?? TimeSpan.FromSeconds(2) }, _ => { });

    /// <summary>The response bytes, or null when the packet is dropped.</summary>
    public static byte[]? Answer(this DnsQueryHandler handler, byte[] query, bool tcp = false)
    {
        var output = new byte[65535];
        var outcome = handler.Handle(query, output, tcp, out var length);
        if (outcome == DnsOutcome.Forward)
        {
            length = handler.ForwardAsync(query, output, tcp, CancellationToken.None).GetAwaiter().GetResult();
            outcome = DnsOutcome.Respond;
        }
        return outcome == DnsOutcome.Respond ? output[..length] : null;
    }
}
