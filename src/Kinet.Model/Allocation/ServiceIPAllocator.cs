// ClusterIPs from the service CIDR as kube-apiserver 1.32's bitmap allocator (ipallocator.Range): the network
// address and the IPv4 broadcast address are never handed out, IPv6 ranges are capped at 65536 addresses, and
// dynamic allocation prefers the upper band so the low addresses stay free for requested ones (`kubernetes`
// at index 1, DNS at index 10).
using Kinet.Model.Networking;

namespace Kinet.Model.Allocation;

public sealed class ServiceIPAllocator : AddressAllocator
{
    public ServiceIPAllocator(Cidr cidr, int? seed = null)
        : base(cidr.Network.Add(1), UsableCount(cidr), ScanStrategy.RandomScan(StaticBand(cidr), seed)) => Cidr = cidr;

    public Cidr Cidr { get; }

    public override string Range => Cidr.ToString();

    /// <summary>The `kubernetes` Service's address: the first address after the network's (10.96.0.1).</summary>
    public IP KubernetesServiceIP => Cidr.At(1);

    /// <summary>The cluster DNS address kubeadm picks: index 10 of the range (10.96.0.10).</summary>
    public IP DnsServiceIP => Cidr.At(10);

    /// <summary>Size of the static band [first, first + StaticBand) that random allocation uses only when the rest is full.</summary>
    public static int StaticBand(Cidr cidr)
    {
        // min(max(16, size/16), 256), and 0 for ranges of 16 addresses or fewer (upstream calculateRangeOffset).
        var size = cidr.Size;
        if (size <= 16) return 0;
        var band = size / 16;
        return band < 16 ? 16 : band > 256 ? 256 : (int)band;
    }

    private static int UsableCount(Cidr cidr)
    {
        var size = cidr.Size;
        if (cidr.IsV6) size = size > 65536 ? 65536 : size; // the bitmap would be too big otherwise
        else size--; // the broadcast address
        if (size > int.MaxValue) size = int.MaxValue;
        return size == 0 ? 0 : (int)(size - 1); // the network address
    }

    protected override string NotInRangeError(IP value) =>
        $"the provided IP ({value}) is not in the valid range. The range of valid IPs is {Cidr}";

    protected override string AllocatedError(IP value) => "provided IP is already allocated";
}
