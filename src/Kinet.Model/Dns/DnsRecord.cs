// DNS resource records as the record logic produces them, independent of the wire format. ToString() is the
// zone-file line CoreDNS's tests compare ("svc1.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.1"). Names are absolute,
// with the trailing dot, and written as CoreDNS writes them: owner names (and names built on the zone, like SRV targets
// and the SOA) keep the question's case; names from objects are lower-case. SEAM (written before the helpers started):
// extend, do not rename.
using System.Net;

namespace Kinet.Model.Dns;

public enum DnsType : ushort { A = 1, NS = 2, CNAME = 5, SOA = 6, PTR = 12, TXT = 16, AAAA = 28, SRV = 33, OPT = 41, ANY = 255 }

public enum DnsRcode : byte { NoError = 0, FormErr = 1, ServFail = 2, NxDomain = 3, NotImp = 4, Refused = 5 }

public abstract record DnsRecord(string Name, uint Ttl)
{
    public abstract DnsType Type { get; }

    /// <summary>The record data in zone-file syntax.</summary>
    public abstract string DataText { get; }

    // Sealed: a derived record would otherwise synthesise its own ToString ("SoaRecord { Name = ... }").
    public sealed override string ToString() => $"{Name}\t{Ttl}\tIN\t{Type}\t{DataText}";
}

/// <summary>A or AAAA, by the address family.</summary>
public sealed record AddressRecord(string Name, uint Ttl, IPAddress Address) : DnsRecord(Name, Ttl)
{
    public override DnsType Type => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? DnsType.AAAA : DnsType.A;
    public override string DataText => Address.ToString();
}

public sealed record CnameRecord(string Name, uint Ttl, string Target) : DnsRecord(Name, Ttl)
{
    public override DnsType Type => DnsType.CNAME;
    public override string DataText => Target;
}

public sealed record PtrRecord(string Name, uint Ttl, string Target) : DnsRecord(Name, Ttl)
{
    public override DnsType Type => DnsType.PTR;
    public override string DataText => Target;
}

public sealed record NsRecord(string Name, uint Ttl, string Target) : DnsRecord(Name, Ttl)
{
    public override DnsType Type => DnsType.NS;
    public override string DataText => Target;
}

public sealed record SrvRecord(string Name, uint Ttl, ushort Priority, ushort Weight, ushort Port, string Target) : DnsRecord(Name, Ttl)
{
    public override DnsType Type => DnsType.SRV;
    public override string DataText => $"{Priority} {Weight} {Port} {Target}";
}

public sealed record TxtRecord(string Name, uint Ttl, IReadOnlyList<string> Strings) : DnsRecord(Name, Ttl)
{
    public override DnsType Type => DnsType.TXT;
    public override string DataText => string.Join(' ', Strings.Select(s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""));
}

public sealed record SoaRecord(string Name, uint Ttl, string PrimaryNs, string Mailbox, uint Serial, uint Refresh, uint Retry, uint Expire, uint Minimum)
    : DnsRecord(Name, Ttl)
{
    public override DnsType Type => DnsType.SOA;
    public override string DataText => $"{PrimaryNs} {Mailbox} {Serial} {Refresh} {Retry} {Expire} {Minimum}";
}
