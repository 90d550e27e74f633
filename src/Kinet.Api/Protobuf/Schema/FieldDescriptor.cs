// One field of a message: its number, the Go json name it maps to, and how to decode it.
namespace Kinet.Api.Protobuf.Schema;

/// <param name="Number">The protobuf field number.</param>
/// <param name="JsonName">The Go json tag name ("" for inline fields).</param>
/// <param name="Message">For Message fields (and map values that are messages), the table name of the nested message.</param>
/// <param name="GoName">The Go field name, for gogo-style error messages, when it is not the JSON name capitalised.</param>
internal sealed record FieldDescriptor(int Number, string JsonName, FieldType Type, FieldFlags Flags = FieldFlags.None,
    string? Message = null, string? GoName = null)
{
    public bool IsRepeated => (Flags & FieldFlags.Repeated) != 0;
    public bool IsMap => (Flags & FieldFlags.Map) != 0;
    public bool IsInline => (Flags & FieldFlags.Inline) != 0;
    public bool KeepsZero => (Flags & FieldFlags.Keep) != 0;

    /// <summary>The Go field name gogo's generated unmarshaler names in its errors.</summary>
    public string GoFieldName => GoName ?? (JsonName.Length == 0 ? JsonName : char.ToUpperInvariant(JsonName[0]) + JsonName[1..]);

    /// <summary>The wire type a single value of this field arrives with (maps arrive as length-delimited entries).</summary>
    public WireType ValueWireType => Type is FieldType.Bool or FieldType.I32 or FieldType.I64 ? WireType.Varint : WireType.LengthDelimited;
}
