// A canonical Huffman code as deflate defines it (RFC 1951 3.2.2): symbols counted per code length, ordered by code.
namespace Kinet.Api.Streams.Zlib;

internal sealed class Huffman
{
    public const int MaxBits = 15;
    public int[] Count { get; } = new int[MaxBits + 1];
    public int[] Symbol { get; }

    public Huffman(int[] lengths)
    {
        Symbol = new int[lengths.Length];
        foreach (var l in lengths) Count[l]++;
        Count[0] = 0;
        var offs = new int[MaxBits + 2];
        for (var len = 1; len <= MaxBits; len++) offs[len + 1] = offs[len] + Count[len];
        for (var s = 0; s < lengths.Length; s++)
            if (lengths[s] != 0) Symbol[offs[lengths[s]]++] = s;
    }

    public static readonly int[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
    public static readonly int[] LengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    public static readonly int[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    public static readonly int[] DistanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    public static readonly int[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

    public static readonly Huffman FixedLengths = new(Enumerable.Range(0, 288).Select(s => s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8).ToArray());
    public static readonly Huffman FixedDistances = new(Enumerable.Repeat(5, 30).ToArray());
}
