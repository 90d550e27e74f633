// A RangeAllocator over consecutive IP addresses [First, First + Capacity): the part shared by the service,
// pod and load-balancer allocators.
using Kinet.Model.Networking;

namespace Kinet.Model.Allocation;

public abstract class AddressAllocator : RangeAllocator<IP>
{
    protected AddressAllocator(IP first, int capacity, ScanStrategy strategy)
        : base(capacity, strategy) => First = first;

    /// <summary>The lowest allocatable address.</summary>
    public IP First { get; }

    protected override bool TryOffset(IP value, out int offset)
    {
        offset = 0;
        if (value.IsV6 != First.IsV6 || value < First || value.Value - First.Value >= (UInt128)Capacity) return false;
        offset = (int)(value.Value - First.Value);
        return true;
    }

    protected override IP ValueAt(int offset) => First + offset;
}
