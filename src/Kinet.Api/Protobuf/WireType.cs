// The protobuf wire types (the low three bits of a tag).
namespace Kinet.Api.Protobuf;

internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}
