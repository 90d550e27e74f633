// A Go slice header over a shared backing array. Upstream's list merge mutates slices in place (deleting shifts
// elements, append writes into spare capacity, dedup swaps), and later reads the original list through an old header;
// the resulting item order is observable in patch results, so the merge reproduces it on this model.
namespace Kinet.Api.Patching;

internal sealed class GoSlice
{
    private object?[] backing;

    private GoSlice(object?[] backing, int length)
    {
        this.backing = backing;
        Length = length;
    }

    public int Length { get; private set; }

    /// <summary>A list as Go decoded it (JSON or protobuf): appended one by one, so its capacity is the next power of two.</summary>
    public static GoSlice Decoded(IReadOnlyList<object?> items)
    {
        var cap = items.Count == 0 ? 0 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)items.Count);
        var arr = new object?[cap];
        for (var i = 0; i < items.Count; i++) arr[i] = items[i];
        return new GoSlice(arr, items.Count);
    }

    public object? this[int i]
    {
        get => backing[i];
        set => backing[i] = value;
    }

    /// <summary>Another header over the same array (Go's slice assignment).</summary>
    public GoSlice Header() => new(backing, Length);

    /// <summary>append(s, items...): writes into the shared array when it has room, otherwise moves to a new one.</summary>
    public void Append(IReadOnlyList<object?> items)
    {
        if (Length + items.Count > backing.Length)
        {
            var grown = new object?[Math.Max(Length + items.Count, backing.Length * 2)];
            Array.Copy(backing, grown, Length);
            backing = grown;
        }
        for (var i = 0; i < items.Count; i++) backing[Length + i] = items[i];
        Length += items.Count;
    }

    /// <summary>s = append(s[:i], s[i+1:]...): shifts the tail left in place.</summary>
    public void RemoveAt(int i)
    {
        Array.Copy(backing, i + 1, backing, i, Length - i - 1);
        Length--;
    }

    /// <summary>s = s[:n].</summary>
    public void Truncate(int n) => Length = n;

    public List<object?> ToList() => backing.Take(Length).ToList();
}
