// runtime.Unknown, the wrapper around every protobuf body: {1: typeMeta{1: apiVersion, 2: kind}, 2: raw, 3: contentEncoding, 4: contentType}.
namespace Kinet.Api.Protobuf;

internal readonly ref struct Envelope
{
    public string ApiVersion { get; init; }
    public string Kind { get; init; }

    /// <summary>The object's own protobuf bytes.</summary>
    public ReadOnlySpan<byte> Raw { get; init; }

    /// <summary>Parses the bytes after the magic. contentEncoding and contentType are read and ignored, as the apiserver does.</summary>
    public static Envelope Parse(ReadOnlySpan<byte> data)
    {
        string apiVersion = "", kind = "";
        ReadOnlySpan<byte> raw = default;
        var r = new ProtoReader(data);
        while (!r.End)
        {
            var (number, wire) = r.ReadTag("Unknown");
            switch (number)
            {
                case 1:
                    if (wire != WireType.LengthDelimited) throw ProtoFormatException.WrongWireType(wire, "TypeMeta");
                    (apiVersion, kind) = ParseTypeMeta(r.ReadLengthDelimited(), apiVersion, kind);
                    break;
                case 2:
                    if (wire != WireType.LengthDelimited) throw ProtoFormatException.WrongWireType(wire, "Raw");
                    raw = r.ReadLengthDelimited();
                    break;
                case 3:
                case 4:
                    if (wire != WireType.LengthDelimited) throw ProtoFormatException.WrongWireType(wire, number == 3 ? "ContentEncoding" : "ContentType");
                    r.ReadLengthDelimited();
                    break;
                default:
                    r.Skip(wire);
                    break;
            }
        }
        return new Envelope { ApiVersion = apiVersion, Kind = kind, Raw = raw };
    }

    private static (string ApiVersion, string Kind) ParseTypeMeta(ReadOnlySpan<byte> data, string apiVersion, string kind)
    {
        var r = new ProtoReader(data);
        while (!r.End)
        {
            var (number, wire) = r.ReadTag("TypeMeta");
            if (number is not (1 or 2)) { r.Skip(wire); continue; }
            if (wire != WireType.LengthDelimited) throw ProtoFormatException.WrongWireType(wire, number == 1 ? "APIVersion" : "Kind");
            var value = WellKnownValues.Utf8(r.ReadLengthDelimited());
            if (number == 1) apiVersion = value;
            else kind = value;
        }
        return (apiVersion, kind);
    }
}
