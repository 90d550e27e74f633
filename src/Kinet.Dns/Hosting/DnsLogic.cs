// The record logic the host runs: Corefile parsing and building a zone from the watched objects. The real one is
// Kinet.Model.Dns's; tests of the host substitute their own so they do not depend on it.
using Kinet.Dns.Kubernetes;
using Kinet.Dns.Serving;
using Kinet.Model.Dns;

namespace Kinet.Dns.Hosting;

internal sealed record DnsLogic(
    Func<string, ClusterDnsConfig> ParseCorefile,
    Func<string> DefaultCorefile,
    Func<ClusterObjects, ClusterDnsConfig, DnsZone> BuildZone)
{
    public static DnsLogic Real { get; } = new(
        Corefile.Parse,
        () => Corefile.Default(),
        (o, config) => DnsZone.Of(ClusterDnsView.Build(o.Services, o.EndpointSlices, o.Pods, o.Namespaces), config));
}
