// Kinet.Node: the host-touching layer. Network/ builds node and pod namespaces, Processes/ runs containers from the
// host's programs, Servers/ are the built-in servers that listen inside pods.
namespace Kinet.Node;

internal static class NodeAssembly;
