// A declared containerPort the built-in responder serves.
namespace Kinet.Node.Servers;

public enum PortProtocol { Tcp, Udp, Sctp }

public sealed record ServedPort(int Port, PortProtocol Protocol = PortProtocol.Tcp);
