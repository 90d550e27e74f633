// The zlib checksum (RFC 1950), here only to name a preset dictionary (the DICTID of a zlib header).
namespace Kinet.Api.Streams.Zlib;

internal static class Adler32
{
    public static uint Of(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        foreach (var d in data)
        {
            a = (a + d) % 65521;
            b = (b + a) % 65521;
        }
        return b << 16 | a;
    }
}
