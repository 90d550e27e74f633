// The bit set behind every allocator: one bit per offset, guarded by one lock so allocate/release/snapshot are
// atomic with respect to each other (upstream's allocationBitmap). The scan strategy decides which free bit to hand out.
using System.Numerics;

namespace Kinet.Model.Allocation;

internal sealed class AllocationBitmap
{
    private readonly ulong[] _words;
    private readonly ScanStrategy _strategy;
    private readonly Lock _gate = new();
    private int _count;

    public AllocationBitmap(int size, ScanStrategy strategy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Size = size;
        _words = new ulong[(size + 63) / 64];
        _strategy = strategy;
    }

    public int Size { get; }

    public int Used { get { lock (_gate) return _count; } }

    /// <summary>Marks <paramref name="offset"/> taken; false if it already was.</summary>
    public bool TryAllocate(int offset)
    {
        lock (_gate)
        {
            if (IsSet(offset)) return false;
            Set(offset);
            _strategy.Taken(offset, Size);
            return true;
        }
    }

    /// <summary>Takes a free offset chosen by the strategy; -1 when full.</summary>
    public int AllocateNext()
    {
        lock (_gate)
        {
            if (_count >= Size) return -1;
            var offset = _strategy.Pick(this);
            if (offset < 0) return -1;
            Set(offset);
            _strategy.Taken(offset, Size);
            return offset;
        }
    }

    /// <summary>Frees <paramref name="offset"/>; false if it was not taken.</summary>
    public bool Release(int offset)
    {
        lock (_gate)
        {
            if (!IsSet(offset)) return false;
            _words[offset >> 6] &= ~(1UL << (offset & 63));
            _count--;
            return true;
        }
    }

    public bool Has(int offset)
    {
        lock (_gate) return IsSet(offset);
    }

    public int[] Taken()
    {
        lock (_gate)
        {
            var result = new List<int>(_count);
            for (var w = 0; w < _words.Length; w++)
                for (var bits = _words[w]; bits != 0; bits &= bits - 1)
                    result.Add((w << 6) + BitOperations.TrailingZeroCount(bits));
            return [.. result];
        }
    }

    /// <summary>Bit i of the data is offset i (little-endian within each byte), plus the strategy's cursor.</summary>
    public (byte[] Data, int Cursor) Snapshot()
    {
        lock (_gate)
        {
            var data = new byte[(Size + 7) / 8];
            for (var i = 0; i < data.Length; i++) data[i] = (byte)(_words[i >> 3] >> ((i & 7) * 8));
            return (data, _strategy.Cursor);
        }
    }

    /// <summary>Replaces the whole state; bits beyond the range are ignored.</summary>
    public void Restore(byte[] data, int cursor)
    {
        lock (_gate)
        {
            Array.Clear(_words);
            _count = 0;
            for (var i = 0; i < data.Length && i * 8 < Size; i++)
                for (var b = 0; b < 8; b++)
                {
                    var offset = i * 8 + b;
                    if (offset < Size && (data[i] & (1 << b)) != 0) Set(offset);
                }
            _strategy.Cursor = cursor;
        }
    }

    /// <summary>The first free offset in [from, to), or -1. Callers hold the lock (strategies run inside it).</summary>
    internal int NextFree(int from, int to)
    {
        for (var i = from; i < to;)
        {
            var w = i >> 6;
            var free = ~_words[w] & (ulong.MaxValue << (i & 63));
            if (free != 0)
            {
                var at = (w << 6) + BitOperations.TrailingZeroCount(free);
                return at < to ? at : -1;
            }
            i = (w + 1) << 6;
        }
        return -1;
    }

    private bool IsSet(int offset) => (_words[offset >> 6] & (1UL << (offset & 63))) != 0;

    private void Set(int offset)
    {
        _words[offset >> 6] |= 1UL << (offset & 63);
        _count++;
    }
}
