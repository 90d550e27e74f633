// What runs a cluster's pods. Kernel: node and pod network namespaces, veths, routes and real processes (Linux, root).
// Simulated: pods are API objects that a kwok-like agent reports Running; no kernel object is made, so it needs no root
// and many such clusters run side by side (the controller benchmarks and control-plane tests use it).
namespace Kinet.Cli.Clusters;

internal enum DataPlane { Kernel, Simulated }

internal static class DataPlanes
{
    public static DataPlane? Parse(string text) => text switch
    {
        "kernel" => DataPlane.Kernel,
        "simulated" => DataPlane.Simulated,
        _ => null,
    };

    public static string Name(DataPlane plane) => plane == DataPlane.Kernel ? "kernel" : "simulated";

    /// <summary>Whether this process may build or remove kernel data planes (namespaces, links, mounts): root.</summary>
    public static bool KernelAllowed => Environment.UserName == "root";

    /// <summary>The kernel when this process may build it, else the simulation.</summary>
    public static DataPlane Default => KernelAllowed ? DataPlane.Kernel : DataPlane.Simulated;
}
