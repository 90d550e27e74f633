// Inflate (RFC 1950/1951) of one continuous zlib stream that arrives in pieces, with a preset dictionary: what SPDY/3
// header blocks need and System.IO.Compression cannot do (ZLibStream takes no dictionary). Each piece must end on a block
// boundary, as a Z_SYNC_FLUSH leaves it (every SPDY header block is flushed so); the history carries over between pieces.
namespace Kinet.Api.Streams.Zlib;

internal sealed class ZlibInflater(byte[] dictionary)
{
    private const int WindowSize = 32768;
    private readonly byte[] _window = new byte[WindowSize];
    private long _written; // bytes ever put into the window (the dictionary included)
    private bool _headerRead;
    private bool _finished;

    // The input being decoded.
    private byte[] _in = [];
    private int _pos;
    private int _bitBuf;
    private int _bitCount;
    private List<byte> _out = [];

    /// <summary>Decodes the next piece of the stream and returns its bytes; throws InvalidDataException on corrupt input.</summary>
    public byte[] Inflate(ReadOnlySpan<byte> piece)
    {
        _in = piece.ToArray();
        _pos = 0;
        _bitBuf = 0;
        _bitCount = 0;
        _out = new List<byte>(piece.Length * 4);
        if (!_headerRead) ReadHeader();
        while (!_finished && BitsLeft() >= 8)
        {
            var final = Bits(1) == 1;
            switch (Bits(2))
            {
                case 0: Stored(); break;
                case 1: Codes(Huffman.FixedLengths, Huffman.FixedDistances); break;
                case 2: Dynamic(); break;
                default: throw new InvalidDataException("invalid deflate block type");
            }
            if (final) _finished = true;
        }
        return _out.ToArray();
    }

    private void ReadHeader()
    {
        if (_in.Length < 2) throw new InvalidDataException("zlib header missing");
        int cmf = _in[0], flg = _in[1];
        if ((cmf & 0x0f) != 8 || (cmf >> 4) > 7 || ((cmf << 8) | flg) % 31 != 0) throw new InvalidDataException("invalid zlib header");
        _pos = 2;
        if ((flg & 0x20) != 0)
        {
            if (_in.Length < 6) throw new InvalidDataException("zlib dictionary id missing");
            var id = (uint)(_in[2] << 24 | _in[3] << 16 | _in[4] << 8 | _in[5]);
            if (id != Adler32.Of(dictionary)) throw new InvalidDataException("zlib stream wants another dictionary");
            _pos = 6;
            foreach (var b in dictionary) Put(b, toOutput: false);
        }
        _headerRead = true;
    }

    private int BitsLeft() => (_in.Length - _pos) * 8 + _bitCount;

    private int Bits(int n)
    {
        while (_bitCount < n)
        {
            if (_pos >= _in.Length) throw new InvalidDataException("deflate data ends inside a block");
            _bitBuf |= _in[_pos++] << _bitCount;
            _bitCount += 8;
        }
        var v = _bitBuf & ((1 << n) - 1);
        _bitBuf >>= n;
        _bitCount -= n;
        return v;
    }

    private void Put(byte b, bool toOutput = true)
    {
        _window[_written++ % WindowSize] = b;
        if (toOutput) _out.Add(b);
    }

    private void Stored()
    {
        _bitBuf = 0;
        _bitCount = 0;
        if (_pos + 4 > _in.Length) throw new InvalidDataException("deflate data ends inside a block");
        var len = _in[_pos] | _in[_pos + 1] << 8;
        var nlen = _in[_pos + 2] | _in[_pos + 3] << 8;
        if (len != (~nlen & 0xffff)) throw new InvalidDataException("stored block length check failed");
        _pos += 4;
        if (_pos + len > _in.Length) throw new InvalidDataException("deflate data ends inside a block");
        for (var i = 0; i < len; i++) Put(_in[_pos + i]);
        _pos += len;
    }

    private void Dynamic()
    {
        var nlen = Bits(5) + 257;
        var ndist = Bits(5) + 1;
        var ncode = Bits(4) + 4;
        if (nlen > 286 || ndist > 30) throw new InvalidDataException("bad dynamic block counts");
        var lengths = new int[19];
        for (var i = 0; i < ncode; i++) lengths[Huffman.CodeLengthOrder[i]] = Bits(3);
        var lencode = new Huffman(lengths);
        var all = new int[nlen + ndist];
        for (var i = 0; i < nlen + ndist;)
        {
            var sym = Decode(lencode);
            if (sym < 16) { all[i++] = sym; continue; }
            int repeat, value = 0;
            if (sym == 16)
            {
                if (i == 0) throw new InvalidDataException("repeat with no previous length");
                value = all[i - 1];
                repeat = 3 + Bits(2);
            }
            else if (sym == 17) repeat = 3 + Bits(3);
            else repeat = 11 + Bits(7);
            if (i + repeat > nlen + ndist) throw new InvalidDataException("too many code lengths");
            while (repeat-- > 0) all[i++] = value;
        }
        if (all[256] == 0) throw new InvalidDataException("no end-of-block code");
        Codes(new Huffman(all[..nlen]), new Huffman(all[nlen..]));
    }

    private void Codes(Huffman lencode, Huffman distcode)
    {
        while (true)
        {
            var sym = Decode(lencode);
            if (sym < 256) { Put((byte)sym); continue; }
            if (sym == 256) return;
            sym -= 257;
            if (sym >= 29) throw new InvalidDataException("bad length symbol");
            var len = Huffman.LengthBase[sym] + Bits(Huffman.LengthExtra[sym]);
            var dsym = Decode(distcode);
            if (dsym >= 30) throw new InvalidDataException("bad distance symbol");
            var dist = Huffman.DistanceBase[dsym] + Bits(Huffman.DistanceExtra[dsym]);
            if (dist > _written || dist > WindowSize) throw new InvalidDataException("distance too far back");
            for (var i = 0; i < len; i++) Put(_window[(_written - dist) % WindowSize]);
        }
    }

    // Canonical Huffman decoding one bit at a time (as zlib's puff does): header blocks are small, clarity wins.
    private int Decode(Huffman h)
    {
        int code = 0, first = 0, index = 0;
        for (var len = 1; len <= Huffman.MaxBits; len++)
        {
            code |= Bits(1);
            var count = h.Count[len];
            if (code - count < first) return h.Symbol[index + (code - first)];
            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }
        throw new InvalidDataException("invalid Huffman code");
    }
}
