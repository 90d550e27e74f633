// SPDY/3 name/value header blocks (2.6.10): a u32 count, then u32-length-prefixed lower-case names and values (several
// values of one name joined by NUL), compressed with one zlib stream per direction.
using System.Buffers.Binary;
using System.Text;
using Kinet.Api.Streams.Zlib;

namespace Kinet.Api.Streams.Spdy;

internal static class HeaderBlock
{
    public static byte[] Encode(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var pairs = headers.ToList();
        var b = new List<byte>();
        AddU32(b, pairs.Count);
        foreach (var (name, value) in pairs)
        {
            AddString(b, Encoding.UTF8.GetBytes(name.ToLowerInvariant()));
            AddString(b, Encoding.UTF8.GetBytes(value));
        }
        return b.ToArray();
    }

    private static void AddU32(List<byte> b, int v) => b.AddRange([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);

    private static void AddString(List<byte> b, byte[] s)
    {
        AddU32(b, s.Length);
        b.AddRange(s);
    }

    /// <summary>Decodes an uncompressed block; a name with several values keeps the first.</summary>
    public static Dictionary<string, string> Decode(ReadOnlySpan<byte> block)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var count = ReadU32(ref block);
        for (var i = 0; i < count; i++)
        {
            var name = Encoding.UTF8.GetString(ReadBytes(ref block));
            var value = Encoding.UTF8.GetString(ReadBytes(ref block));
            var nul = value.IndexOf('\0');
            headers.TryAdd(name, nul < 0 ? value : value[..nul]);
        }
        return headers;
    }

    private static int ReadU32(ref ReadOnlySpan<byte> s)
    {
        if (s.Length < 4) throw new InvalidDataException("truncated SPDY header block");
        var v = BinaryPrimitives.ReadUInt32BigEndian(s);
        s = s[4..];
        if (v > 1 << 20) throw new InvalidDataException("SPDY header block field too large");
        return (int)v;
    }

    private static ReadOnlySpan<byte> ReadBytes(ref ReadOnlySpan<byte> s)
    {
        var n = ReadU32(ref s);
        if (s.Length < n) throw new InvalidDataException("truncated SPDY header block");
        var v = s[..n];
        s = s[n..];
        return v;
    }

    /// <summary>A fresh compressor for the frames this side sends.</summary>
    public static StoredDeflater NewCompressor() => new();

    /// <summary>A fresh decompressor for the frames the peer sends.</summary>
    public static ZlibInflater NewDecompressor() => new(SpdyDictionary.Bytes);
}
