// What the server answers from right now: the Corefile's configuration and the record logic over the current view.
// Immutable; a change swaps in a new zone, whose response cache starts empty (so no stale answer survives).
using Kinet.Model.Dns;

namespace Kinet.Dns.Serving;

public sealed class DnsZone(ClusterDnsConfig config, Func<string, DnsType, DnsAnswer> resolve)
{
    public ClusterDnsConfig Config { get; } = config;

    /// <summary>Answers a lower-case absolute name; <see cref="DnsAnswer.Outside"/> for names outside the zones.</summary>
    public Func<string, DnsType, DnsAnswer> Resolve { get; } = resolve;

    internal ResponseCache Cache { get; } = new();

    /// <summary>A zone answering from <paramref name="view"/> with the real record logic.</summary>
    public static DnsZone Of(ClusterDnsView view, ClusterDnsConfig config) =>
        new(config, (name, type) => ClusterDnsResolver.Resolve(view, config, name, type));
}
