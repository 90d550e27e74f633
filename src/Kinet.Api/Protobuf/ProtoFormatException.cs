// Malformed protobuf, with gogo-protobuf's own error wording; ProtobufDecoder turns it into a 400.
namespace Kinet.Api.Protobuf;

internal sealed class ProtoFormatException(string message) : Exception(message)
{
    public static ProtoFormatException UnexpectedEof() => new("unexpected EOF");
    public static ProtoFormatException IntegerOverflow() => new("proto: integer overflow");
    public static ProtoFormatException NegativeLength() => new("proto: negative length found during unmarshaling");
    public static ProtoFormatException UnexpectedEndOfGroup() => new("proto: unexpected end of group");
    public static ProtoFormatException IllegalWireType(int wireType) => new($"proto: illegal wireType {wireType}");
    public static ProtoFormatException WrongWireType(WireType wireType, string goField) => new($"proto: wrong wireType = {(int)wireType} for field {goField}");
}
