// The shared shape of every allocator: a contiguous range of values mapped onto a bitmap. Subclasses say how a value
// maps to an offset and which texts a refusal carries; this class does the bookkeeping. Thread-safe.
namespace Kinet.Model.Allocation;

public abstract class RangeAllocator<T>
    where T : notnull
{
    private readonly AllocationBitmap _bits;

    protected RangeAllocator(int capacity, ScanStrategy strategy) => _bits = new AllocationBitmap(capacity, strategy);

    /// <summary>The range as upstream prints it in its errors and snapshots.</summary>
    public abstract string Range { get; }

    public int Capacity => _bits.Size;

    public int Used => _bits.Used;

    public int Free => Capacity - Used;

    /// <summary>Hands out the next free value (see the strategy for which); Full when none is left.</summary>
    public AllocationResult<T> Allocate()
    {
        var offset = _bits.AllocateNext();
        return offset < 0 ? AllocationResult<T>.Fail(AllocationFailure.Full, FullError()) : AllocationResult<T>.Ok(ValueAt(offset));
    }

    /// <summary>Takes the requested value; NotInRange or AlreadyAllocated with upstream's texts when it can't.</summary>
    public AllocationResult<T> Allocate(T value)
    {
        if (!TryOffset(value, out var offset))
            return AllocationResult<T>.Fail(AllocationFailure.NotInRange, NotInRangeError(value));
        return _bits.TryAllocate(offset)
            ? AllocationResult<T>.Ok(value)
            : AllocationResult<T>.Fail(AllocationFailure.AlreadyAllocated, AllocatedError(value));
    }

    /// <summary>Gives the value back; releasing a free or out-of-range value is a no-op (false), as upstream.</summary>
    public bool Release(T value) => TryOffset(value, out var offset) && _bits.Release(offset);

    /// <summary>True if the value is taken, i.e. Allocate(value) would fail with AlreadyAllocated.</summary>
    public bool Has(T value) => TryOffset(value, out var offset) && _bits.Has(offset);

    /// <summary>True if the value lies in the allocatable part of the range.</summary>
    public bool InRange(T value) => TryOffset(value, out _);

    /// <summary>Every taken value, in range order.</summary>
    public IReadOnlyList<T> Allocated() => [.. _bits.Taken().Select(ValueAt)];

    public RangeSnapshot Snapshot()
    {
        var (data, cursor) = _bits.Snapshot();
        return new RangeSnapshot(Range, data, cursor);
    }

    /// <summary>Replaces the state with a snapshot of the same range; another range is refused (ArgumentException).</summary>
    public void Restore(RangeSnapshot snapshot)
    {
        if (snapshot.Range != Range) throw new ArgumentException(MismatchError(), nameof(snapshot));
        _bits.Restore(snapshot.Data, snapshot.Cursor);
    }

    protected abstract bool TryOffset(T value, out int offset);

    protected abstract T ValueAt(int offset);

    protected abstract string NotInRangeError(T value);

    protected abstract string AllocatedError(T value);

    protected virtual string FullError() => "range is full";

    protected virtual string MismatchError() => "the provided network does not match the current range";
}
