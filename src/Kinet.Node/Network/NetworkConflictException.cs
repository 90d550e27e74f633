// The cluster's address ranges collide with something on the machine that is not the cluster's own (a real interface's
// route or address, or another cluster): Kinet refuses rather than hijack traffic to it (DESIGN: Network safety).
namespace Kinet.Node.Network;

public sealed class NetworkConflictException(string message) : Exception(message);
