// What of a cluster exists in the kernel (or was removed by ClusterNetwork.DownAsync): named network namespaces (nodes
// and pods), root-namespace links, root-namespace routes through those links, and processes inside the namespaces.
namespace Kinet.Node.Network;

public sealed record ClusterObjects(
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<string> RootLinks,
    IReadOnlyList<string> RootRoutes,
    IReadOnlyList<int> Processes)
{
    public bool IsEmpty => Namespaces.Count == 0 && RootLinks.Count == 0 && RootRoutes.Count == 0 && Processes.Count == 0;

    public override string ToString() =>
        $"namespaces [{string.Join(", ", Namespaces)}], links [{string.Join(", ", RootLinks)}], " +
        $"routes [{string.Join(", ", RootRoutes)}], processes [{string.Join(", ", Processes)}]";
}
