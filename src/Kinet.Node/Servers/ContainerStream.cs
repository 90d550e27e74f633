// Which of a container's output streams a line went to; the CRI log format keeps it per line.
namespace Kinet.Node.Servers;

public enum ContainerStream { Stdout, Stderr }
