// NodePorts from the service node port range (30000-32767) as kube-apiserver 1.32's portallocator: random scan
// that prefers the upper band, leaving the low ports for requested ones (KEP-3668).
using Kinet.Model.Networking;

namespace Kinet.Model.Allocation;

public sealed class NodePortAllocator : RangeAllocator<int>
{
    public NodePortAllocator(PortRange ports, int? seed = null)
        : base(ports.Size, ScanStrategy.RandomScan(StaticBand(ports), seed)) => Ports = ports;

    public NodePortAllocator(int? seed = null) : this(PortRange.NodePortDefault, seed) { }

    public PortRange Ports { get; }

    public override string Range => Ports.ToString();

    /// <summary>min(max(16, size/32), 128), and 0 for ranges of 16 ports or fewer (upstream calculateRangeOffset).</summary>
    public static int StaticBand(PortRange ports)
    {
        if (ports.Size <= 16) return 0;
        return Math.Clamp(ports.Size / 32, 16, 128);
    }

    protected override bool TryOffset(int value, out int offset)
    {
        offset = value - Ports.Base;
        return Ports.Contains(value);
    }

    protected override int ValueAt(int offset) => Ports.Base + offset;

    protected override string NotInRangeError(int value) =>
        $"provided port is not in the valid range. The range of valid ports is {Ports}";

    protected override string AllocatedError(int value) => "provided port is already allocated";

    protected override string MismatchError() => "the provided port range does not match the current port range";
}
