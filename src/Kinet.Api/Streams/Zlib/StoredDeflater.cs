// The sending half of a SPDY header-compression stream: a zlib stream of stored (uncompressed) deflate blocks, each piece
// ended with a sync flush as Z_SYNC_FLUSH does. Any inflater reads it; stored blocks reference no history, so the stream
// needs no preset dictionary and says so in its header.
namespace Kinet.Api.Streams.Zlib;

internal sealed class StoredDeflater
{
    private bool _headerWritten;

    public byte[] Deflate(ReadOnlySpan<byte> data)
    {
        var output = new List<byte>(data.Length + 16);
        if (!_headerWritten)
        {
            output.AddRange([0x78, 0x01]); // deflate, 32K window, no dictionary; 0x7801 % 31 == 0
            _headerWritten = true;
        }
        while (data.Length > 0)
        {
            var n = Math.Min(data.Length, 65535);
            Block(output, data[..n]);
            data = data[n..];
        }
        Block(output, []); // the sync flush marker: an empty stored block
        return output.ToArray();
    }

    private static void Block(List<byte> output, ReadOnlySpan<byte> chunk)
    {
        var n = chunk.Length;
        output.Add(0x00); // BFINAL 0, BTYPE 00, then padding to the byte boundary
        output.AddRange([(byte)n, (byte)(n >> 8), (byte)~n, (byte)(~n >> 8)]);
        output.AddRange(chunk);
    }
}
