// Encoded responses of one zone, keyed by (qtype, qclass, EDNS/DO, lower-case wire name), looked up without
// allocating. Bounded: two generations; when the young one is full it becomes the old one and the old one is dropped,
// so a flood of random names costs at most two generations of memory while popular names stay (they are promoted).
using System.Collections.Concurrent;

namespace Kinet.Dns.Serving;

internal sealed class ResponseCache
{
    public const int MaxEntriesPerGeneration = 8192;
    public const long MaxBytesPerGeneration = 8 << 20;

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<byte[], byte[]> Entries = new(KeyComparer.Instance);
        public readonly ConcurrentDictionary<byte[], byte[]>.AlternateLookup<ReadOnlySpan<byte>> Lookup;
        public long Bytes;

        public Generation() => Lookup = Entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    private volatile Generation _young = new();
    private volatile Generation _old = new();

    public int Count => _young.Entries.Count + _old.Entries.Count;

    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        var young = _young;
        if (young.Lookup.TryGetValue(key, out var hit)) return hit;
        if (!_old.Lookup.TryGetValue(key, out hit)) return null;
        Add(key.ToArray(), hit);
        return hit;
    }

    public void Add(byte[] key, byte[] response)
    {
        var young = _young;
        if (young.Entries.TryAdd(key, response) &&
            (young.Entries.Count > MaxEntriesPerGeneration || Interlocked.Add(ref young.Bytes, key.Length + response.Length + 64) > MaxBytesPerGeneration))
        {
            lock (this)
            {
                if (_young != young) return;
                _old = young;
                _young = new Generation();
            }
        }
    }

    private sealed class KeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);
        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);
        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var h = new HashCode();
            h.AddBytes(alternate);
            return h.ToHashCode();
        }
    }
}
