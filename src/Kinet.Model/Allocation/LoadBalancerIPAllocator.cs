// LoadBalancer ingress addresses from an inclusive pool (172.18.255.200-172.18.255.250 by default), lowest free
// first as MetalLB assigns them. Refusal texts follow MetalLB's AllocationFailed events.
using Kinet.Model.Networking;

namespace Kinet.Model.Allocation;

public sealed class LoadBalancerIPAllocator : AddressAllocator
{
    public LoadBalancerIPAllocator(IPRange pool)
        : base(pool.First, pool.Count > 1 << 24 ? 1 << 24 : (int)pool.Count, ScanStrategy.FirstFree()) => Pool = pool;

    public LoadBalancerIPAllocator() : this(IPRange.LoadBalancerDefault) { }

    public IPRange Pool { get; }

    public override string Range => Pool.ToString();

    protected override string NotInRangeError(IP value) => $"\"{value}\" is not allowed in config";

    protected override string AllocatedError(IP value) => $"address {value} is already in use";

    protected override string FullError() => "no available IPs";
}
