// The first packet of a connection as the tracer sees it: addresses, protocol (tcp, udp, sctp) and destination port.
using System.Net;

namespace Kinet.Nftables.Tracing;

public sealed record NftPacket(IPAddress Source, IPAddress Destination, string Protocol, int DestinationPort)
{
    public static NftPacket Tcp(string source, string destination, int port) => new(IPAddress.Parse(source), IPAddress.Parse(destination), "tcp", port);

    public static NftPacket Udp(string source, string destination, int port) => new(IPAddress.Parse(source), IPAddress.Parse(destination), "udp", port);

    public static NftPacket Sctp(string source, string destination, int port) => new(IPAddress.Parse(source), IPAddress.Parse(destination), "sctp", port);

    /// <summary>"a TCP SYN from 10.244.1.5 to 10.96.0.20:80", as kube-proxy's tracer tests phrase it.</summary>
    public string Describe() => $"{Kind} from {Source} to {NftTraceResult.Endpoint(Destination, DestinationPort)}";

    private string Kind => Protocol switch
    {
        "udp" => "a UDP packet",
        "sctp" => "an SCTP INIT",
        _ => "a TCP SYN",
    };
}
