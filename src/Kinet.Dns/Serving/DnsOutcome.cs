// What to do with one received packet.
namespace Kinet.Dns.Serving;

internal enum DnsOutcome
{
    /// <summary>Send the response written into the output buffer.</summary>
    Respond,
    /// <summary>Send nothing (a runt or a response packet).</summary>
    Drop,
    /// <summary>The name is outside the zones and upstreams are configured: relay it (<see cref="DnsQueryHandler.ForwardAsync"/>).</summary>
    Forward,
}
