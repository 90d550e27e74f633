// The slim records a ClusterDnsView holds (CoreDNS's object.Service / object.Endpoints / object.Pod): only what
// answers need, so a view of 10,000 Services with their endpoints stays small and quick to build.
using System.Net;

namespace Kinet.Model.Dns;

internal enum DnsServiceKind : byte { ClusterIP, Headless, ExternalName }

/// <summary>A Service or EndpointSlice port; <c>Port</c> -1 is CoreDNS's sentinel for "no ports declared".</summary>
internal sealed record DnsPort(string Name, string Protocol, int Port)
{
    public static DnsPort[] None { get; } = [new("", "", -1)];
}

internal sealed class DnsService(string name, string ns, DnsServiceKind kind, IPAddress[] clusterIPs, DnsPort[] ports, string? externalName)
{
    public string Name { get; } = name;
    public string Namespace { get; } = ns;
    public DnsServiceKind Kind { get; } = kind;
    public IPAddress[] ClusterIPs { get; } = clusterIPs;
    public DnsPort[] Ports { get; } = ports;
    public string? ExternalName { get; } = externalName;
}

/// <summary>One ready address of an EndpointSlice. <c>Hostname</c> is the endpoint's hostname when set.</summary>
internal readonly record struct DnsAddress(DnsIP IP, string? Hostname)
{
    /// <summary>CoreDNS's endpointHostname: the hostname, else the address with dashes ("10-0-0-1", "1234-abcd--1",
    /// an IPv6 address ending in "::" gets a trailing "0").</summary>
    public string EndpointName()
    {
        if (!string.IsNullOrEmpty(Hostname)) return Hostname;
        var text = IP.ToString();
        if (!IP.IsV6) return text.Replace('.', '-');
        var dashed = text.Replace(':', '-');
        return dashed.EndsWith('-') ? dashed + "0" : dashed;
    }
}

/// <summary>The ready part of one EndpointSlice of Service <c>Service</c> (its kubernetes.io/service-name label).</summary>
internal sealed class DnsEndpoints(string service, string ns, DnsPort[] ports, DnsAddress[] addresses)
{
    public string Service { get; } = service;
    public string Namespace { get; } = ns;
    public DnsPort[] Ports { get; } = ports;
    public DnsAddress[] Addresses { get; } = addresses;

    /// <summary>CoreDNS's Endpoints.Index: "service.namespace".</summary>
    public string Index => Service + "." + Namespace;
}
