// The identity of one port of one Service, as kube-proxy names it: "ns/name:port" ("ns/name" when the port has no
// name), plus the protocol. Chain names, hashes and the iptables/ipvs views are all derived from it.
namespace Kinet.Model.Services;

public enum ServiceProtocol { Tcp, Udp, Sctp }

public readonly record struct ServicePortName(string Namespace, string Name, string Port, ServiceProtocol Protocol)
{
    /// <summary>kube-proxy's <c>ServicePortName.String()</c>: <c>ns/name:port</c>, or <c>ns/name</c> for an unnamed port.</summary>
    public override string ToString() => Port.Length == 0 ? $"{Namespace}/{Name}" : $"{Namespace}/{Name}:{Port}";

    /// <summary>The protocol as Kubernetes spells it (TCP, UDP, SCTP).</summary>
    public string ProtocolName => Protocol switch { ServiceProtocol.Udp => "UDP", ServiceProtocol.Sctp => "SCTP", _ => "TCP" };

    /// <summary>The protocol as nft and iptables spell it (tcp, udp, sctp).</summary>
    public string LowerProtocol => Protocol switch { ServiceProtocol.Udp => "udp", ServiceProtocol.Sctp => "sctp", _ => "tcp" };
}
