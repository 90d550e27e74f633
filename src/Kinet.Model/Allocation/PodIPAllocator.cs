// Pod addresses from one node's pod CIDR as CNI host-local allocates them for kindnet/bridge: the network address,
// the gateway (.1, the node bridge) and the IPv4 broadcast address are never handed out, and addresses go round-robin
// after the last one taken (so a freed address is not reused at once; the first pod gets .2).
using Kinet.Model.Networking;

namespace Kinet.Model.Allocation;

public sealed class PodIPAllocator : AddressAllocator
{
    public PodIPAllocator(Cidr nodeCidr)
        : base(nodeCidr.Network.Add(2), UsableCount(nodeCidr), ScanStrategy.RoundRobin()) => Cidr = nodeCidr;

    public Cidr Cidr { get; }

    /// <summary>The node bridge's address, which pods use as their default route.</summary>
    public IP Gateway => Cidr.At(1);

    /// <summary>host-local's range set as it prints it: first host address to the last usable one.</summary>
    public override string Range => $"{Cidr.At(1)}-{LastUsable(Cidr)}";

    private static IP LastUsable(Cidr cidr) => cidr.IsV6 ? cidr.Last : cidr.At(cidr.Size - 2);

    private static int UsableCount(Cidr cidr)
    {
        // Addresses from .2 through the last usable (IPv4 loses its broadcast address; IPv6 keeps the last one).
        var size = cidr.Size;
        var reserved = cidr.IsV6 ? 2u : 3u;
        if (size <= reserved) return 0;
        var count = size - reserved;
        return count > 1 << 24 ? 1 << 24 : (int)count; // a /8 per node is already absurd; keep the bitmap bounded
    }

    protected override string NotInRangeError(IP value) =>
        value == Gateway ? $"requested ip {value} is subnet's gateway" : $"{value} not in range set {Range}";

    protected override string AllocatedError(IP value) =>
        $"requested IP address {value} is not available in range set {Range}";

    protected override string FullError() => $"no IP addresses available in range set: {Range}";
}
