// The header-compression halves of SPDY/3: the inflater against streams made by reference zlib 1.2.13 with the SPDY
// dictionary (fixed and dynamic Huffman blocks, two header blocks sharing one stream), and the stored-block deflater
// against bytes built by hand from RFC 1950/1951.
using System.Text;
using Kinet.Api.Streams.Spdy;
using Kinet.Api.Streams.Zlib;

namespace Kinet.Api.Tests.Streams;

public class ZlibTests
{
    // Header blocks {port: 80, requestid: 0, streamtype: error} then {…, streamtype: data}, as kubectl opens a forward;
    // zlib.compressobj(9, DEFLATED, 15, 9, Z_DEFAULT_STRATEGY, zdict=SPDY dictionary), Z_SYNC_FLUSH after each.
    private const string First = "78f9e3c6a7c202253a48f95b044aab4c16064092b308125b99a054cc68004e872545a989b9d0a2863515141100000000ffff";
    private const string Second = "224b2ba8944a04000000ffff";

    // {streamtype: stdout, x-words: Words}: long enough that zlib picks a dynamic Huffman block.
    private const string Dynamic =
        "78f9e3c6a7c254545b0ec2300c93f8e11a3d00486bfa3e0eb07d201e4363881d9fb471b7f2b7798e63376bf2ed28ffd93c0da7075609ffb1fd5816f17e" +
        "397ec772517707a198a85e639f4831e7faf45a0dcb70d13a83c042a7863ca814d4ed73e601f2267f53546c8597e7dd4725f2c649ad113ab5f448021aab" +
        "a42d690001d5a5e534639358033f2b9ff0e0e186f930c009b646acd7c8a4cd3ac86445d8d996673cd05022508239d328ebae797160785f853921af64be" +
        "0331d5441196a38893030307659de0c9fd255f7391ab42d474e64818dc5f59a8cd74ad221cb96b8fa77e64933c60899db9758415d009b3175ef8010000ffff";

    private const string Words =
        "stream38 pod92 stdin61 exec11 pod2 stdin70 error97 kubernetes28 channel68 stdout35 exec13 error27 kubernetes82 error34 " +
        "stream21 error37 stdout11 portforward43 stdin64 stream22 stream60 error11 channel38 kubernetes37 portforward90 error97 " +
        "channel24 stdin54 portforward36 stdin57 exec29 error33 kubernetes10 kubernetes59 error66 channel82 resize89 stdout18 " +
        "stream8 stdin25 resize35 exec45 stdin95 portforward41 channel25 stdout12 kubernetes90 stream35 portforward78 stream15 " +
        "stdout22 error58 kubernetes5 stdout89 pod36 stdout2 stdout36 stdout19 stdin79 pod37";

    [Fact]
    public void The_spdy_dictionary_is_the_specs_1423_bytes()
    {
        Assert.Equal(1423, SpdyDictionary.Bytes.Length);
        // The DICTID in every zlib header kubectl sends (e3c6a7c2, visible in the vectors above).
        Assert.Equal(0xe3c6a7c2u, Adler32.Of(SpdyDictionary.Bytes));
        Assert.Equal("enq=0."u8.ToArray(), SpdyDictionary.Bytes[^6..]);
    }

    [Fact]
    public void Two_header_blocks_of_one_stream_inflate_with_the_dictionary_and_the_history()
    {
        var inflater = HeaderBlock.NewDecompressor();
        var first = HeaderBlock.Decode(inflater.Inflate(Convert.FromHexString(First)));
        Assert.Equal(new Dictionary<string, string> { ["port"] = "80", ["requestid"] = "0", ["streamtype"] = "error" }, first);
        // The second block is 12 bytes: almost all of it back-references into the first.
        var second = HeaderBlock.Decode(inflater.Inflate(Convert.FromHexString(Second)));
        Assert.Equal(new Dictionary<string, string> { ["port"] = "80", ["requestid"] = "0", ["streamtype"] = "data" }, second);
    }

    [Fact]
    public void A_dynamic_huffman_block_inflates()
    {
        var headers = HeaderBlock.Decode(HeaderBlock.NewDecompressor().Inflate(Convert.FromHexString(Dynamic)));
        Assert.Equal("stdout", headers["streamtype"]);
        Assert.Equal(Words, headers["x-words"]);
    }

    [Fact]
    public void A_stream_made_for_another_dictionary_is_refused()
    {
        var other = new ZlibInflater("not the spdy dictionary"u8.ToArray());
        Assert.Throws<InvalidDataException>(() => other.Inflate(Convert.FromHexString(First)));
    }

    [Fact]
    public void A_block_cut_short_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => HeaderBlock.NewDecompressor().Inflate(Convert.FromHexString(First[..40])));
    }

    [Fact]
    public void The_deflater_writes_a_zlib_header_then_stored_blocks_each_ended_by_a_sync_flush()
    {
        var deflater = new StoredDeflater();
        // 78 01: deflate, no dictionary. 00: BFINAL 0, BTYPE stored. 03 00 fc ff: LEN 3, NLEN. Then the empty sync block.
        Assert.Equal("7801000300fcff616263000000ffff", Convert.ToHexString(deflater.Deflate("abc"u8)).ToLowerInvariant());
        Assert.Equal("000200fdff6465000000ffff", Convert.ToHexString(deflater.Deflate("de"u8)).ToLowerInvariant());
    }

    [Fact]
    public void What_the_deflater_writes_the_inflater_reads_back()
    {
        var deflater = new StoredDeflater();
        var inflater = new ZlibInflater(SpdyDictionary.Bytes);
        var big = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789", 7000)));
        Assert.Equal(HeaderBlock.Encode([new("Port", "8080")]), inflater.Inflate(deflater.Deflate(HeaderBlock.Encode([new("Port", "8080")]))));
        Assert.Equal(big, inflater.Inflate(deflater.Deflate(big)));
    }

    [Fact]
    public void A_header_block_is_counted_length_prefixed_and_lower_cased()
    {
        var block = HeaderBlock.Encode([new("StreamType", "error"), new("Port", "80")]);
        Assert.Equal("00000002" + "0000000a" + Hex("streamtype") + "00000005" + Hex("error") + "00000004" + Hex("port") + "00000002" + Hex("80"),
            Convert.ToHexString(block).ToLowerInvariant());
    }

    private static string Hex(string s) => Convert.ToHexString(Encoding.ASCII.GetBytes(s)).ToLowerInvariant();
}
