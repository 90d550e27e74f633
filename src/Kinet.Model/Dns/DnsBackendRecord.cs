// One candidate answer of the kubernetes backend (CoreDNS's msg.Service): an address, a name to CNAME to, or a TXT
// string, with the port for SRV and the domain name the record is known under (msg.Domain of its key).
using System.Net;

namespace Kinet.Model.Dns;

internal readonly record struct DnsBackendRecord(IPAddress? Ip, string? Host, string? Text, int Port, string Domain, uint Ttl)
{
    /// <summary>msg.Service.HostType: TXT, A (IPv4 or IPv4-mapped), AAAA, else CNAME.</summary>
    public DnsType HostType => Text is not null ? DnsType.TXT
        : Ip is null ? DnsType.CNAME
        : DnsNames.AsV4(Ip) is not null ? DnsType.A : DnsType.AAAA;
}

/// <summary>Why the backend found nothing: the name errors become NXDOMAIN (CoreDNS's IsNameError).</summary>
internal enum DnsLookupError { None, NoItems, NamespaceNotExposed, InvalidRequest }
