// The record logic: one question against one view and config → rcode and records, exactly as the Kubernetes DNS
// specification 1.1.0 and CoreDNS's kubernetes plugin answer it. Pure; used by the server and by analysis commands.
// SEAM (written before the helpers started): the record helper implements it.
namespace Kinet.Model.Dns;

public static class ClusterDnsResolver
{
    /// <summary>Answers <paramref name="qname"/> (any case, with or without the trailing dot) of type
    /// <paramref name="qtype"/>. Names outside <c>config.Zones</c> give <see cref="DnsAnswer.Outside"/>.</summary>
    public static DnsAnswer Resolve(ClusterDnsView view, ClusterDnsConfig config, string qname, DnsType qtype) =>
        throw new NotImplementedException("ClusterDnsResolver.Resolve");
}
