// A cluster on the kernel data plane (node and pod network namespaces, real processes). Kernel clusters use the default
// address plan and routes in the root namespace, so test classes that use one join the "kernel" collection and run one
// at a time (xunit runs the classes of one collection serially).
namespace Kinet.Cli.Tests.Harness;

public sealed class KernelCluster() : KinetCluster("kernel");

[CollectionDefinition(Name)]
public sealed class KernelCollection
{
    public const string Name = "kernel";
}
