// A cursor over protobuf bytes that reads tags, varints and length-delimited values, failing the way gogo's generated code does.
namespace Kinet.Api.Protobuf;

internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> data = data;
    private int position;

    public readonly bool End => position >= data.Length;

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (shift >= 64) throw ProtoFormatException.IntegerOverflow();
            if (position >= data.Length) throw ProtoFormatException.UnexpectedEof();
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }

    /// <summary>The next field's number and wire type; `message` is the Go type name used in errors.</summary>
    public (int Number, WireType WireType) ReadTag(string message)
    {
        var tag = ReadVarint();
        var number = unchecked((int)(tag >> 3));
        var wireType = (int)(tag & 7);
        if (wireType == (int)WireType.EndGroup)
            throw new ProtoFormatException($"proto: {message}: wiretype end group for non-group");
        if (number <= 0)
            throw new ProtoFormatException($"proto: {message}: illegal tag {number} (wire type {tag})");
        return (number, (WireType)wireType);
    }

    /// <summary>A length-delimited value (string, bytes, nested message or packed list).</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = unchecked((long)ReadVarint());
        if (length < 0) throw ProtoFormatException.NegativeLength();
        if (length > data.Length - position) throw ProtoFormatException.UnexpectedEof();
        var value = data.Slice(position, (int)length);
        position += (int)length;
        return value;
    }

    /// <summary>Skips the value of a field the table does not know, groups included, as gogo's skipGenerated does.</summary>
    public void Skip(WireType wireType)
    {
        var depth = 0;
        while (true)
        {
            switch (wireType)
            {
                case WireType.Varint:
                    ReadVarint();
                    break;
                case WireType.Fixed64:
                    Advance(8);
                    break;
                case WireType.LengthDelimited:
                    ReadLengthDelimited();
                    break;
                case WireType.StartGroup:
                    depth++;
                    break;
                case WireType.EndGroup:
                    if (depth == 0) throw ProtoFormatException.UnexpectedEndOfGroup();
                    depth--;
                    break;
                case WireType.Fixed32:
                    Advance(4);
                    break;
                default:
                    throw ProtoFormatException.IllegalWireType((int)wireType);
            }
            if (depth == 0) return;
            // Inside a group: read the next tag raw (an end-group tag is legal here).
            wireType = (WireType)(int)(ReadVarint() & 7);
        }
    }

    private void Advance(int count)
    {
        if (count > data.Length - position) throw ProtoFormatException.UnexpectedEof();
        position += count;
    }
}
