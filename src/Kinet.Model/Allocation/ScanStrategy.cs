// How an allocator picks the next free offset. Three policies, each the one its upstream twin uses:
// random scan with a static band (kube-apiserver's ClusterIP and NodePort allocators), round-robin after the
// last allocation (CNI host-local for pod addresses, nodeipam's cidrset for node CIDRs) and lowest-free (MetalLB pools).
namespace Kinet.Model.Allocation;

public abstract class ScanStrategy
{
    /// <summary>
    /// kube-apiserver's randomScanStrategyWithOffset: start at a random point of the upper band [offset, size) and
    /// scan forward (wrapping within the band); only when the band is full, do the same in the lower band [0, offset).
    /// The lower band is left for addresses users ask for (KEP-3070, ServiceIPStaticSubrange / NodePort static subrange).
    /// </summary>
    public static ScanStrategy RandomScan(int offset, int? seed = null) =>
        new RandomScanStrategy(offset, seed is { } s ? new Random(s) : new Random());

    /// <summary>Scan forward from just after the last allocated offset, wrapping (host-local's lastReservedIP, cidrset's nextCandidate).</summary>
    public static ScanStrategy RoundRobin() => new RoundRobinStrategy();

    /// <summary>Always the lowest free offset (MetalLB hands out a pool's addresses in order).</summary>
    public static ScanStrategy FirstFree() => new FirstFreeStrategy();

    /// <summary>Position state a snapshot carries (round-robin's last allocation); -1 when the strategy has none.</summary>
    internal virtual int Cursor { get => -1; set { } }

    /// <summary>Called under the bitmap's lock when the bitmap has at least one free bit; -1 if none is found.</summary>
    internal abstract int Pick(AllocationBitmap bits);

    /// <summary>Called under the bitmap's lock after any offset (picked or requested) is taken.</summary>
    internal virtual void Taken(int offset, int size) { }

    private sealed class RandomScanStrategy(int offset, Random random) : ScanStrategy
    {
        internal override int Pick(AllocationBitmap bits)
        {
            var low = Math.Clamp(offset, 0, bits.Size);
            return ScanFrom(bits, low, bits.Size) is var upper and >= 0 ? upper : ScanFrom(bits, 0, low);
        }

        private int ScanFrom(AllocationBitmap bits, int from, int to)
        {
            if (to <= from) return -1;
            var start = from + random.Next(to - from);
            var found = bits.NextFree(start, to);
            return found >= 0 ? found : bits.NextFree(from, start);
        }
    }

    private sealed class RoundRobinStrategy : ScanStrategy
    {
        private int _last = -1;

        internal override int Cursor { get => _last; set => _last = value; }

        internal override int Pick(AllocationBitmap bits)
        {
            var start = _last + 1 >= bits.Size ? 0 : _last + 1;
            var found = bits.NextFree(start, bits.Size);
            return found >= 0 ? found : bits.NextFree(0, start);
        }

        // host-local remembers requested addresses too; the next dynamic one follows whatever was taken last.
        internal override void Taken(int offset, int size) => _last = offset;
    }

    private sealed class FirstFreeStrategy : ScanStrategy
    {
        internal override int Pick(AllocationBitmap bits) => bits.NextFree(0, bits.Size);
    }
}
